// The registered projects, read-only: each with its folder and the model and permission mode
// its sessions run with (its own, or the app's default). Projects are added and changed from
// the phone (/add, /mode), so this list only shows them.
import { useEffect, useState } from 'react';
import type { PreferencesView, ProjectView } from '../../src-main/shared/api';
import { ErrorLine } from '../components/common';
import { useAction, useLive } from '../state/live';

/** The value in effect: an environment variable or flag wins over the saved preference. */
function effective<K extends 'model' | 'permissionMode'>(view: PreferencesView, key: K): string {
  const over = view.overridden[key];
  return typeof over === 'string' ? over : view.values[key];
}

export function ProjectsList({ preferences }: { preferences: PreferencesView }) {
  const { client, sessions } = useLive();
  const [projects, setProjects] = useState<ProjectView[] | undefined>();
  const load = useAction();
  // A session of a project not listed yet means one was added since: load again.
  const known = sessions.map((s) => s.projectId).sort().join(',');

  useEffect(() => {
    void load.run(async () => setProjects((await client.call('projects', {})).projects));
  }, [client, known, load.run]);

  return (
    <div className="field">
      <h3 className="label" id="registered-projects">
        Registered projects
      </h3>
      <ErrorLine error={load.error} />
      {projects && projects.length === 0 && (
        <p className="muted small">
          None yet. From the phone: <code>/add &lt;folder&gt;</code> registers a folder inside an allowed one.
        </p>
      )}
      {projects && projects.length > 0 && (
        <ul className="list" aria-labelledby="registered-projects">
          {projects.map((p) => (
            <li key={p.id} className="item project">
              <p className="item__row">
                <strong>{p.name}</strong>
              </p>
              <dl className="facts small">
                <dt>Folder</dt>
                <dd>
                  <code>{p.path}</code>
                </dd>
                <dt>Model</dt>
                <dd>{p.model ?? `${effective(preferences, 'model')} (app default)`}</dd>
                <dt>Permission mode</dt>
                <dd>
                  {p.permissionMode ?? `${effective(preferences, 'permissionMode')} (app default)`}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
