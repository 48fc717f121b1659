import { useEffect, useState } from 'react';
import type { BaseUrlCheckView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';

interface Props {
  id: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
}

/** The base URL with main's own check: an error for what cannot be used, a warning for plain http to another machine. */
export function BaseUrlField({ id, value, placeholder, onChange }: Props) {
  const [check, setCheck] = useState<BaseUrlCheckView>();

  useEffect(() => {
    const text = value.trim() || placeholder;
    if (!text) return setCheck(undefined);
    let current = true;
    const timer = setTimeout(() => {
      void call('settingsCheckBaseUrl', { baseUrl: text }).then((result) => current && setCheck(result));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, placeholder]);

  return (
    <div className="settings-field wide">
      <label htmlFor={id}>Base URL</label>
      <input
        id={id}
        type="url"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        aria-describedby={`${id}-check`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-check`} className={check && !check.ok ? 'settings-error' : 'settings-warning'} role={check && !check.ok ? 'alert' : 'status'}>
        {check ? (check.ok ? check.warning : check.error) : null}
      </p>
    </div>
  );
}
