import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { browserApi } from '../api/apiClient.ts';
import {
  compareHostKey,
  formFromSummary,
  type SettingsField,
  type SettingsForm,
  type SettingsSummary,
  settingsRequest,
} from '../submissions/clearinghouseSettings.ts';
import { submissionProblem } from '../submissions/submissionProblem.ts';
import './ClearinghouseSettings.css';

/**
 * Settings → Clearinghouse (admins): the practice's SFTP account at the clearinghouse. The secrets are
 * typed here and sent once; the server answers with what is saved, never the secrets, so a saved key or
 * password shows as "saved" and a blank field keeps it.
 */
export function ClearinghouseSettings(props: {
  practiceId: string;
  onClose: () => void;
  /** After a save: the Submissions screen checks the connection again. */
  onSaved: () => void;
}): JSX.Element {
  const [saved, setSaved] = createSignal<SettingsSummary | null>(null);
  const [form, setForm] = createSignal<SettingsForm>(formFromSummary(null));
  const [loaded, setLoaded] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [fieldProblem, setFieldProblem] = createSignal<{ field: SettingsField; message: string } | null>(
    null,
  );
  const [problem, setProblem] = createSignal<string | null>(null);
  const [presented, setPresented] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  onMount(async () => {
    try {
      const answer = await browserApi.clearinghouseSettings(props.practiceId);
      setSaved(answer.settings);
      setForm(formFromSummary(answer.settings));
      if (answer.problem) setProblem(answer.problem);
    } catch (error) {
      setProblem(submissionProblem(error).message);
    }
    setLoaded(true);
  });

  const set = (field: keyof SettingsForm) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form(), [field]: e.currentTarget.value });

  const readKey = async () => {
    setProblem(null);
    setPresented(null);
    const port = Number(form().port);
    setBusy(true);
    try {
      setPresented(await browserApi.readHostKey(props.practiceId, form().host.trim(), port));
    } catch (error) {
      setProblem(submissionProblem(error).message);
    }
    setBusy(false);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setNotice(null);
    const checked = settingsRequest(form(), saved());
    if (!checked.ok) {
      setFieldProblem({ field: checked.field, message: checked.message });
      return;
    }
    setFieldProblem(null);
    setBusy(true);
    try {
      const answer = await browserApi.saveClearinghouseSettings(props.practiceId, checked.request);
      setSaved(answer.settings);
      setForm(formFromSummary(answer.settings));
      setNotice('Saved. The connection is being checked with these settings.');
      props.onSaved();
    } catch (error) {
      setProblem(submissionProblem(error).message);
    }
    setBusy(false);
  };

  const invalid = (field: SettingsField) => fieldProblem()?.field === field;
  const comparison = () => {
    const key = presented();
    return key === null ? null : compareHostKey(key, form().hostKeySha256);
  };

  return (
    <section class="chs" aria-labelledby="chs-title" data-testid="clearinghouse-settings">
      <div class="subm-section-head">
        <h2 id="chs-title">Clearinghouse settings</h2>
        <p>
          The practice's SFTP account at the clearinghouse. Passwords and keys are stored encrypted on the
          server and never shown again.
        </p>
      </div>
      <Show when={loaded()} fallback={<p class="subm-muted">Loading…</p>}>
        <form class="chs-form" onSubmit={save} novalidate>
          <label>
            Host
            <input
              value={form().host}
              onInput={set('host')}
              aria-invalid={invalid('host')}
              data-testid="chs-host"
              autocomplete="off"
            />
          </label>
          <label class="chs-port">
            Port
            <input
              value={form().port}
              onInput={set('port')}
              aria-invalid={invalid('port')}
              inputmode="numeric"
              data-testid="chs-port"
            />
          </label>
          <label>
            User name
            <input
              value={form().username}
              onInput={set('username')}
              aria-invalid={invalid('username')}
              data-testid="chs-username"
              autocomplete="off"
            />
          </label>
          <fieldset class="chs-signin">
            <legend>Sign in with</legend>
            <label>
              <input
                type="radio"
                name="chs-signin"
                checked={form().signIn === 'key'}
                onChange={() => setForm({ ...form(), signIn: 'key' })}
              />
              Private key {saved()?.hasKey ? '(saved)' : ''}
            </label>
            <label>
              <input
                type="radio"
                name="chs-signin"
                checked={form().signIn === 'password'}
                onChange={() => setForm({ ...form(), signIn: 'password' })}
              />
              Password {saved()?.hasPassword ? '(saved)' : ''}
            </label>
          </fieldset>
          <Show
            when={form().signIn === 'key'}
            fallback={
              <label class="chs-wide">
                Password
                <input
                  type="password"
                  value={form().password}
                  onInput={set('password')}
                  aria-invalid={invalid('password')}
                  placeholder={saved()?.hasPassword ? 'Saved — leave blank to keep it' : ''}
                  autocomplete="new-password"
                  data-testid="chs-password"
                />
              </label>
            }
          >
            <label class="chs-wide">
              Private key
              <textarea
                rows={4}
                value={form().privateKey}
                onInput={set('privateKey')}
                aria-invalid={invalid('privateKey')}
                placeholder={
                  saved()?.hasKey ? 'Saved — leave blank to keep it' : '-----BEGIN OPENSSH PRIVATE KEY-----'
                }
                spellcheck={false}
                data-testid="chs-private-key"
              />
            </label>
            <label class="chs-wide">
              Key passphrase (if the key has one)
              <input
                type="password"
                value={form().passphrase}
                onInput={set('passphrase')}
                autocomplete="off"
              />
            </label>
          </Show>
          <label class="chs-wide">
            Host key fingerprint
            <span class="chs-row">
              <input
                value={form().hostKeySha256}
                onInput={set('hostKeySha256')}
                aria-invalid={invalid('hostKeySha256')}
                placeholder="SHA256:…"
                spellcheck={false}
                data-testid="chs-host-key"
              />
              <button
                type="button"
                class="subm-button"
                disabled={busy()}
                onClick={() => void readKey()}
                data-testid="chs-read-key"
              >
                Read from server
              </button>
            </span>
          </label>
          <Show when={presented()}>
            {(key) => (
              <div class={`chs-presented chs-${comparison()}`} data-testid="chs-presented">
                <p>
                  The server presents <code>{key()}</code>.{' '}
                  {comparison() === 'same'
                    ? 'It matches the fingerprint above.'
                    : comparison() === 'different'
                      ? 'It does NOT match the fingerprint above: do not save until the clearinghouse confirms which is right.'
                      : 'Compare it with the fingerprint the clearinghouse gave you before you use it.'}
                </p>
                <Show when={comparison() !== 'same'}>
                  <button
                    type="button"
                    class="subm-button"
                    data-testid="chs-use-key"
                    onClick={() => setForm({ ...form(), hostKeySha256: key() })}
                  >
                    It matches what the clearinghouse gave me — use it
                  </button>
                </Show>
              </div>
            )}
          </Show>
          <Show when={fieldProblem()}>
            {(p) => (
              <p class="subm-problem chs-wide" role="alert" data-testid="chs-field-problem">
                {p().message}
              </p>
            )}
          </Show>
          <Show when={problem()}>
            {(p) => (
              <p class="subm-problem chs-wide" role="alert" data-testid="chs-problem">
                {p()}
              </p>
            )}
          </Show>
          <Show when={notice()}>
            {(n) => (
              <p class="chs-notice chs-wide" role="status" data-testid="chs-notice">
                {n()}
              </p>
            )}
          </Show>
          <div class="subm-actions chs-wide">
            <button type="submit" class="subm-primary" disabled={busy()} data-testid="chs-save">
              Save
            </button>
            <button type="button" onClick={() => props.onClose()}>
              Close
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
