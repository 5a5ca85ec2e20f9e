// Layout only: each panel is a feature folder.
import { Diagram } from './diagram/Diagram';
import { EditorPanel } from './editor/EditorPanel';
import { EventLog } from './eventlog/EventLog';
import { FaultsPanel } from './faults/FaultsPanel';
import { Views } from './views/Views';
import { NarrationLine } from './narration/NarrationLine';
import { PresenterControls } from './presenter/PresenterControls';
import { useReducedMotion } from './presenter/useReducedMotion';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { PodList } from './pods/PodList';
import { RunMenu } from './run/RunMenu';
import { AttachedBadge } from './run/AttachedBadge';
import { TimelineBar } from './timeline/TimelineBar';
import { TimelineScrubber } from './timeline/TimelineScrubber';
import { useUiState } from './store/context';
import { WalkthroughProvider } from './walkthrough/context';
import { WalkthroughButton } from './walkthrough/WalkthroughButton';
// the picker and player load with the walkthroughs (a chunk fetched right after the first paint)
import { WalkthroughPicker, WalkthroughPlayer } from './walkthrough/lazy';

export function App() {
  const presenter = useUiState((s) => s.presenter);
  const reduceMotion = useReducedMotion();
  return (
    <WalkthroughProvider>
    <div className={`app${presenter ? ' is-presenter' : ''}${reduceMotion ? ' reduce-motion' : ''}`}>
      <header className="app-header">
        <h1 className="app-title">Kube Orrery</h1>
        <WalkthroughButton />
        <TimelineBar />
      </header>
      {/* one row under the header: the run's timeline, then the run, presenter and language controls
          (in the header they wrapped it onto two rows at 1280 px and squeezed the pods table) */}
      <div className="app-subbar">
        <AttachedBadge />
        <TimelineScrubber />
        <RunMenu />
        <PresenterControls />
        <LanguageSwitch />
      </div>
      <NarrationLine />
      <WalkthroughPlayer />
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
      <WalkthroughPicker />
    </div>
    </WalkthroughProvider>
  );
}
