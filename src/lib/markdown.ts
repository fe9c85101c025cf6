/**
 * Announcements' Markdown as HTML that is safe to put in a page: raw HTML in the source is shown as
 * text (markdown-it with `html: false` escapes it), links keep working but only to web and mail
 * addresses (markdown-it's own check already refuses `javascript:`, `vbscript:` and `data:`), and
 * an image is left out, keeping only its description as text. Headings start at level 4, since an
 * announcement sits under its own level-3 title on the cohort page.
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

markdown.validateLink = (url) => /^(https?:|mailto:|\/(?!\/)|#)/i.test(url.trim());
markdown.renderer.rules.image = (tokens, index) =>
  markdown.utils.escapeHtml(tokens[index]!.content);

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const href = String(tokens[index]!.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[index]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

const HEADING_OFFSET = 3;
for (const rule of ['heading_open', 'heading_close'] as const) {
  markdown.renderer.rules[rule] = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + HEADING_OFFSET)}`;
    return self.renderToken(tokens, index, options);
  };
}

// Announcements are read far more often than written: each text is rendered once per process.
const rendered = new Map<string, string>();
const MAX_REMEMBERED = 500;

/** The Markdown as HTML, with raw HTML shown as text and images left out. */
export function renderMarkdown(source: string): string {
  const known = rendered.get(source);
  if (known !== undefined) return known;
  const html = markdown.render(source);
  if (rendered.size >= MAX_REMEMBERED) rendered.clear();
  rendered.set(source, html);
  return html;
}
