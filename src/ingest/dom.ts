import { parseHTML } from 'linkedom';

/**
 * The slice of the DOM we use, typed here because the project compiles without lib "dom" and
 * linkedom's own typings resolve to `any` without it.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  readonly attributes: Iterable<{ name: string; value: string }>;
  readonly children: ArrayLike<DomElement> & Iterable<DomElement>;
  innerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/**
 * linkedom does not run the HTML5 tree builder: a fragment, a missing <body> or content after
 * </head> ends up outside document.body. We rebuild one clean shell (keeping <html> attributes such
 * as lang) and let everything else sit in <body>; head elements found there are still queryable.
 */
function normaliseShell(html: string): string {
  const htmlAttrs = /<html\b([^>]*)>/i.exec(html)?.[1] ?? '';
  const inner = html.replace(/<!doctype[^>]*>/gi, '').replace(/<\/?(?:html|head|body)\b[^>]*>/gi, '');
  return `<!DOCTYPE html><html${htmlAttrs}><head></head><body>${inner}</body></html>`;
}

/**
 * Parses HTML with linkedom. linkedom keeps attribute names as written ("STYLE", "Hidden") while
 * browsers lower-case them, so selectors like [hidden] would miss upper-case hiding tricks: we
 * lower-case every attribute name once, here, before anyone queries the tree.
 */
export function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(normaliseShell(html)) as unknown as { document: DomDocument };
  for (const el of document.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      const lower = name.toLowerCase();
      if (lower === name) continue;
      el.removeAttribute(name);
      if (!el.hasAttribute(lower)) el.setAttribute(lower, value);
    }
  }
  return document;
}
