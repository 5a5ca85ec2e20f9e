// What came back from Apply / Delete: kubectl-style lines, errors in an alert.
import { useUiState } from '../store/context';
import { selectResults, selectResultsAction } from '../store/selectors';
import { failureText, successText } from './outcome';

export function Outcome() {
  const results = useUiState(selectResults);
  const action = useUiState(selectResultsAction);
  if (!results || !action) return <div className="outcome" />;
  const failed = results.filter((r) => !r.ok);
  const ok = results.filter((r) => r.ok);
  return (
    <div className="outcome">
      {ok.length > 0 && (
        <p role="status" className="outcome-ok">
          {ok.map((r) => successText(r, action)).join('\n')}
        </p>
      )}
      {failed.length > 0 && (
        <div role="alert" className="outcome-error">
          {failed.map((r, i) => (
            <p key={i}>{failureText(r)}</p>
          ))}
        </div>
      )}
    </div>
  );
}
