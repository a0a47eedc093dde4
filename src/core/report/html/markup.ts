import { escapeHtml } from './escape';

/**
 * Markup that is safe by construction: only this module makes it, from code-defined tags and attribute
 * names, with every string child and attribute value passed through `escapeHtml`. Data can reach the
 * report only as a plain string, so it is always escaped; nothing else turns a string into markup.
 */
export class Html {
  readonly #markup: string;
  private constructor(markup: string) {
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
  /**
   * Markup taken as it is: for this module's builders and the report's code-defined constants (doctype,
   * style sheet) only, never for anything computed from data.
   */
  static trusted(markup: string): Html {
    return new Html(markup);
  }
}

/** What an element may contain: text (escaped), markup, numbers, lists of these; empty values vanish. */
export type Child = string | number | Html | null | undefined | false | readonly Child[];

/**
 * The elements the report uses. No `a`, `img`, `link`, `script`, `iframe`, `object`, `form`: nothing that
 * loads, navigates or runs.
 */
export type Tag =
  | 'article'
  | 'caption'
  | 'code'
  | 'dd'
  | 'div'
  | 'dl'
  | 'dt'
  | 'em'
  | 'footer'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'header'
  | 'li'
  | 'main'
  | 'p'
  | 'section'
  | 'span'
  | 'strong'
  | 'table'
  | 'tbody'
  | 'title'
  | 'td'
  | 'th'
  | 'thead'
  | 'tr'
  | 'ul';

/** Attribute names the report uses. No `href`, `src`, `style` or event handler can be written. */
export type AttrName =
  | 'class'
  | 'id'
  | 'title'
  | 'scope'
  | 'colspan'
  | 'role'
  | 'aria-label'
  | `data-${string}`;
export type Attrs = Partial<Record<AttrName, string | number | undefined>>;

const DATA_ATTR = /^data-[a-z][a-z0-9-]*$/;

/** `<tag attr="…">children</tag>`, every string escaped. */
export function el(tag: Tag, attrs: Attrs | null, ...children: Child[]): Html {
  return Html.trusted(`<${tag}${attributes(attrs)}>${join(children)}</${tag}>`);
}

/** Children as one piece of markup, without a wrapping element. */
export function fragment(...children: Child[]): Html {
  return Html.trusted(join(children));
}

function attributes(attrs: Attrs | null): string {
  if (!attrs) return '';
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    // The type admits any `data-*` name; a computed one must still be a plain name.
    if (name.startsWith('data-') && !DATA_ATTR.test(name)) continue;
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

function join(children: readonly Child[]): string {
  let out = '';
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Html) out += child.toString();
    else if (Array.isArray(child)) out += join(child);
    else out += escapeHtml(String(child));
  }
  return out;
}
