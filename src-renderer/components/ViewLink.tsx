// A link to another view: a real hash link in the browser page (so it works with the keyboard,
// middle-click and history), its own window in the desktop app.
import type { MouseEvent, ReactNode } from 'react';
import type { AppView } from '../../src-main/shared/api';
import { hashForView } from '../api/ui-client';
import { useLive } from '../state/live';

export function ViewLink({ view, className, children }: { view: AppView; className?: string; children: ReactNode }) {
  const { client } = useLive();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!client.desktop) return;
    e.preventDefault();
    client.openView(view);
  };
  return (
    <a href={hashForView(view)} className={className} onClick={onClick}>
      {children}
    </a>
  );
}
