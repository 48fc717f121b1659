import type { ComponentProps, ReactElement } from 'react';
import Markdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';

/**
 * Model text is untrusted. react-markdown without rehype-raw turns raw HTML into plain text, its
 * URL filter drops javascript: and other unsafe links, and nothing here sets innerHTML. Links
 * open outside the app (the shell sends http(s) to the system browser and denies the rest);
 * images are shown as links, so an answer cannot make the app fetch anything by itself.
 */
const components: Components = {
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a className="md-image-link" href={src} target="_blank" rel="noreferrer">
        {alt ? `Image: ${alt}` : 'Image'}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  pre: ({ node: _node, ...rest }: ComponentProps<'pre'> & { node?: unknown }) => <CodeBlock {...rest} />,
};

/**
 * rehype-highlight registers its grammars in a new lowlight instance (and compiles each one again
 * on first use) every time it is attached, and react-markdown attaches plugins on every render:
 * that cost ~20 ms per frame on a streaming code block. Its transform keeps no per-file state,
 * so one made here serves every block. Only fences that name their language are highlighted:
 * guessing would cost time on every frame.
 */
const highlightTransform = rehypeHighlight({ detect: false });
const sharedHighlight = () => highlightTransform;

const OPTIONS: Omit<Options, 'children'> = {
  remarkPlugins: [remarkGfm],
  rehypePlugins: [sharedHighlight],
  components,
};

const CACHE_LIMIT = 600;
const cache = new Map<string, ReactElement>();

/**
 * One block's rendered tree. `Markdown` is a pure function of its options, so its result can
 * be kept: a block parsed once is not parsed again when its row scrolls back into view.
 */
export function renderMarkdown(source: string, keep: boolean): ReactElement {
  const cached = cache.get(source);
  if (cached) {
    // Refresh its place in the insertion order: the map doubles as a least-recently-used list.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const element = Markdown({ ...OPTIONS, children: source });
  if (keep) {
    cache.set(source, element);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return element;
}
