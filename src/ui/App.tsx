// Layout only: each panel is a feature folder.
import { Diagram } from './diagram/Diagram';
import { EditorPanel } from './editor/EditorPanel';
import { EventLog } from './eventlog/EventLog';
import { FaultsPanel } from './faults/FaultsPanel';
import { Views } from './views/Views';
import { NarrationLine } from './narration/NarrationLine';
import { PodList } from './pods/PodList';
import { RunMenu } from './run/RunMenu';
import { TimelineBar } from './timeline/TimelineBar';
import { TimelineScrubber } from './timeline/TimelineScrubber';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Kube Orrery</h1>
        <TimelineBar />
        <RunMenu />
      </header>
      <TimelineScrubber />
      <NarrationLine />
      <main className="app-main">
        <EditorPanel />
        <Diagram />
        <div className="pods-and-faults">
          <PodList />
          <FaultsPanel />
        </div>
        <EventLog />
        <Views />
      </main>
    </div>
  );
}
