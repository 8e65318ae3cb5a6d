// Small pieces every view uses: state badges (text, not colour alone), notices, error lines.
import type { ReactNode } from 'react';
import type { SessionState } from '../../src-main/shared/api';
import { SESSION_STATE_LABEL } from '../format';

export function StateBadge({ state }: { state: SessionState }) {
  return <span className={`badge badge--${state}`}>{SESSION_STATE_LABEL[state]}</span>;
}

export function Dot({ tone }: { tone: 'ok' | 'busy' | 'warn' | 'off' }) {
  return <span className={`dot dot--${tone}`} aria-hidden="true" />;
}

/** A sentence the owner must notice: announced by screen readers as it appears. */
export function Alert({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice--error" role="alert">
      {children}
    </p>
  );
}

export function ErrorLine({ error }: { error: string | undefined }) {
  return error ? <Alert>{error}</Alert> : null;
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'warn'; children: ReactNode }) {
  return <div className={`notice notice--${tone}`}>{children}</div>;
}
