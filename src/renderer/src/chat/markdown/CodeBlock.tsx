import { isValidElement, useRef, useState, type ComponentProps } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** The language named on the fence, from the class rehype-highlight leaves on <code>. */
function languageOf(children: ComponentProps<'pre'>['children']): string | null {
  if (!isValidElement<{ className?: string }>(children)) return null;
  const match = /(?:^|\s)language-([\w+#.-]+)/.exec(children.props.className ?? '');
  return match?.[1] ?? null;
}

/** A fenced code block with its language and a Copy button that copies exactly the code. */
export function CodeBlock({ children, ...rest }: ComponentProps<'pre'>) {
  const pre = useRef<HTMLPreElement>(null);
  const [state, setState] = useState<CopyState>('idle');
  const [failure, setFailure] = useState<string>();
  const language = languageOf(children);

  const copy = () => {
    const text = pre.current?.textContent ?? '';
    navigator.clipboard.writeText(text).then(
      () => {
        setState('copied');
        setTimeout(() => setState('idle'), 1500);
      },
      (error: unknown) => {
        setState('failed');
        setFailure(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-block-lang">{language ?? 'text'}</span>
        <button type="button" className="code-copy" onClick={copy} title={state === 'failed' ? failure : 'Copy the code'}>
          {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      <pre ref={pre} {...rest}>
        {children}
      </pre>
    </div>
  );
}
