// The "Hugging Face Hub" setting: the switch (off by default) with what turning it on means, in
// words, next to the host this build would connect to.
import { HUB } from '../core/hub-config';

export function HubSetting({
  enabled,
  onChange,
  disabled,
}: {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  disabled: boolean;
}) {
  const fileHosts = HUB.origins.filter((origin) => origin !== HUB.host);
  return (
    <fieldset className="hub-setting" data-testid="hub-setting" data-enabled={enabled}>
      <legend>Model sources</legend>
      <label>
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => onChange(event.target.checked)}
          disabled={disabled}
          data-testid="hub-switch"
        />{' '}
        Hugging Face Hub (<span data-testid="hub-host">{HUB.host}</span>)
      </label>
      <p className="reason">
        {enabled ? (
          <>
            On: the text views can load a model by its Hub repository id. Your browser then connects to{' '}
            {HUB.host}
            {fileHosts.length > 0 && <> and the hosts it sends downloads to ({fileHosts.join(', ')})</>},
            which see your IP address and which models you download; your texts stay on this device.
            Downloaded files are kept in this browser (Model cards → Cached Hub files).
          </>
        ) : (
          <>
            Off (the default): models load only from this app ({window.location.origin}); no request leaves
            it, enforced by the inference worker and by the page&apos;s Content-Security-Policy.
          </>
        )}
      </p>
    </fieldset>
  );
}
