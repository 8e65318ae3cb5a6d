// The way back to the overview on the browser page. The desktop app shows each view in its own
// window, which the owner closes instead.
import { useLive } from '../state/live';
import { ViewLink } from './ViewLink';

export function BackLink() {
  const { client } = useLive();
  if (client.desktop) return null;
  return (
    <nav aria-label="Back" className="back">
      <ViewLink view={{ view: 'popover' }}>← Overview</ViewLink>
    </nav>
  );
}
