import type { Element, ElementContent, Parents, Root } from 'hast';

type Visitor = (element: Element, ancestors: Parents[]) => void;

/** Every element under `node`, with its ancestors (`node` first); children may be removed while walking. */
function visitParents(node: Parents, _test: 'element', visitor: Visitor, ancestors: Parents[] = []): void {
  const path = [...ancestors, node];
  for (const child of [...node.children]) {
    if (child.type !== 'element') continue;
    visitor(child, path);
    visitParents(child, 'element', visitor, path);
  }
}

function toString(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => toString(child as ElementContent)).join('') : '';
}

/** Placeholder for a footnote reference; ./to-mdast.ts turns it into a `footnoteReference`. */
export const FOOTNOTE_REF_TAG = 'broadside-fnref';

export interface HtmlFootnote {
  /** Footnote number, by order of first reference: `1`, `2`, … */
  identifier: string;
  /** The note's content, without its back-links. */
  children: ElementContent[];
}

const NOTE_CLASS = /(^|[\s_-])(foot|end)?notes?([\s_-]|$)|footnote|endnote|(^|[\s_-])fn\d*([\s_-]|$)/i;
const NOTE_ROLE = /doc-(foot|end)note/;
// What a reference to a note looks like: "1", "[12]", "*", "†", "iv".
const MARKER = /^\[?\s*(\d{1,3}|[*†‡§]{1,3}|[ivxlc]{1,6}|[a-z])\s*\]?$/i;

function classes(element: Element): string {
  const value = element.properties?.className;
  return Array.isArray(value) ? value.join(' ') : String(value ?? '');
}

function isNote(target: Element, ancestors: Parents[]): boolean {
  const all = [target, ...ancestors.filter((a): a is Element => a.type === 'element')];
  return all.some((element) => NOTE_CLASS.test(classes(element)) || NOTE_ROLE.test(String(element.properties?.role ?? ''))) || target.tagName === 'li';
}

function remove(node: ElementContent, parent: Parents): void {
  const index = parent.children.indexOf(node as never);
  if (index >= 0) parent.children.splice(index, 1);
}

/**
 * Turn the page's footnotes into Markdown footnotes: a short in-page link
 * ("1", "[2]", "*") to a list item or to an element marked as a note
 * becomes a reference placeholder, and the note itself is taken out of the
 * page, without its back-links. Ids are not kept in the article, so left as
 * links these would point nowhere; as footnotes they get the page's own
 * accessible references and back-references.
 */
export function extractFootnotes(tree: Root): HtmlFootnote[] {
  const byId = new Map<string, { element: Element; ancestors: Parents[] }>();
  visitParents(tree, 'element', (element, ancestors) => {
    const id = element.properties?.id;
    if (typeof id === 'string' && id && !byId.has(id)) byId.set(id, { element, ancestors: [...ancestors] });
  });

  const notes = new Map<Element, HtmlFootnote>();
  const references: { node: ElementContent; parent: Parents; note: HtmlFootnote; ids: string[] }[] = [];
  visitParents(tree, 'element', (link, ancestors) => {
    const href = link.tagName === 'a' ? String(link.properties?.href ?? '') : '';
    if (!href.startsWith('#') || !MARKER.test(toString(link).trim())) return;
    const target = byId.get(decodeURIComponent(href.slice(1)));
    if (!target || target.element === link || !isNote(target.element, target.ancestors)) return;
    let note = notes.get(target.element);
    if (!note) {
      note = { identifier: String(notes.size + 1), children: [] };
      notes.set(target.element, note);
    }
    const parent = ancestors[ancestors.length - 1]!;
    // `<sup><a>1</a></sup>`: the reference replaces the `sup`, which the page renders itself.
    const wrapper = parent.type === 'element' && parent.tagName === 'sup' && parent.children.filter((c) => c.type === 'element' || toString(c).trim()).length === 1;
    const node = wrapper ? (parent as Element) : link;
    const holder = wrapper ? ancestors[ancestors.length - 2]! : parent;
    const ids = [link, parent].map((e) => (e.type === 'element' ? String(e.properties?.id ?? '') : '')).filter(Boolean);
    references.push({ node, parent: holder, note, ids });
  });
  if (notes.size === 0) return [];

  const backIds = new Set(references.flatMap((r) => r.ids));
  for (const { node, parent, note } of references) {
    const index = parent.children.indexOf(node as never);
    if (index >= 0) parent.children[index] = { type: 'element', tagName: FOOTNOTE_REF_TAG, properties: { dataNote: note.identifier }, children: [] };
  }
  for (const [element, note] of notes) {
    dropBackLinks(element, backIds);
    note.children = element.children;
    const { ancestors } = byId.get(String(element.properties?.id))!;
    remove(element, ancestors[ancestors.length - 1]!);
    removeEmptied(ancestors);
  }
  return [...notes.values()];
}

function dropBackLinks(note: Element, backIds: Set<string>): void {
  visitParents(note, 'element', (element, ancestors) => {
    if (element.tagName !== 'a') return;
    const href = String(element.properties?.href ?? '');
    const back =
      (href.startsWith('#') && backIds.has(decodeURIComponent(href.slice(1)))) ||
      /doc-backlink/.test(String(element.properties?.role ?? '')) ||
      /back|return|rev/i.test(classes(element)) ||
      /^[↩↑^⏎]/.test(toString(element).trim());
    if (back) remove(element, ancestors[ancestors.length - 1]!);
  });
}

/** Lists and note sections left with nothing but a heading or a rule go too. */
function removeEmptied(ancestors: Parents[]): void {
  for (let i = ancestors.length - 1; i > 0; i--) {
    const node = ancestors[i]!;
    if (node.type !== 'element') return;
    const rest = node.children.filter((c) => c.type === 'element' ? !/^(h[1-6]|hr)$/.test(c.tagName) : toString(c).trim() !== '');
    if (rest.length > 0) return;
    remove(node, ancestors[i - 1]!);
  }
}
