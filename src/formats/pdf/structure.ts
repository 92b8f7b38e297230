import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFObject, PDFRef, PDFString } from 'pdf-lib';
import { IDENTITY_SUBTAG, type TaggingMarks } from './tagging.js';

/** A node of the rebuilt structure tree; it reuses the dictionary of its first fragment. */
interface StructNode {
  ref: PDFRef;
  dict: PDFDict;
  kids: Item[];
}

type Item =
  | { kind: 'element'; node: StructNode }
  | { kind: 'content'; page: PDFRef; mcid: number }
  | { kind: 'object'; dict: PDFDict };

// Chromium's layout wrappers: Paged.js's page boxes, anonymous line boxes, plain divs and spans.
const HOISTED = new Set(['NonStruct', 'Div', 'Span']);
// PDF 2.0 types that PDF 1.7 readers (and PDF/UA-1) do not know.
const RENAMED: Record<string, string> = { Em: 'Span', Strong: 'Span' };

export interface StructureReport {
  /** Structure elements before and after. */
  before: number;
  after: number;
  /** Elements that were fragments of one element on several pages, merged back into it. */
  merged: number;
}

/**
 * Rewrite Chromium's structure tree so it reads like the article: no per-page
 * wrappers, one element per article element even when Paged.js split it across
 * pages, PDF 1.7 standard types only, and the ParentTree rebuilt to match.
 * The dictionaries are reused in place, so IDs, attributes and annotation
 * links survive.
 */
export function rewriteStructure(pdf: PDFDocument, marks: TaggingMarks): StructureReport {
  const treeRootRef = pdf.catalog.get(PDFName.of('StructTreeRoot'));
  const treeRoot = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!treeRoot || !(treeRootRef instanceof PDFRef)) throw new Error('Chromium wrote no structure tree (is the PDF tagged?)');
  const topRefs = refsOf(treeRoot.get(PDFName.of('K')));
  const documentRef = topRefs[0];
  if (!documentRef || topRefs.length !== 1) throw new Error('unexpected structure tree root');
  const root: StructNode = { ref: documentRef, dict: pdf.context.lookup(documentRef, PDFDict), kids: [] };
  const walk: Walk = { pdf, marks, seen: new Map(), visited: new Set([documentRef]), before: 0, merged: 0 };
  collect(walk, root.dict, undefined, root);
  refine(root, pdf);
  const kept = new Set<PDFRef>();
  writeBack(root, treeRootRef, pdf, marks, kept);
  for (const ref of walk.visited) if (!kept.has(ref)) pdf.context.delete(ref);
  rebuildParentTree(root, treeRoot, pdf);
  return { before: walk.before, after: kept.size - 1, merged: walk.merged };
}

interface Walk {
  pdf: PDFDocument;
  marks: TaggingMarks;
  /** The element already made for each article element, by identity. */
  seen: Map<number, StructNode>;
  /** Every old element dictionary, so that the dropped ones can be deleted. */
  visited: Set<PDFRef>;
  before: number;
  merged: number;
}

/** Read Chromium's kids of `dict` into `target`: content stays in order, wrappers dissolve, fragments merge. */
function collect(walk: Walk, dict: PDFDict, inheritedPage: PDFRef | undefined, target: StructNode): void {
  const page = (dict.get(PDFName.of('Pg')) as PDFRef | undefined) ?? inheritedPage;
  for (const kid of kidsOf(dict)) {
    if (kid instanceof PDFNumber) {
      if (page) target.kids.push({ kind: 'content', page, mcid: kid.asNumber() });
      continue;
    }
    const kidDict = kid instanceof PDFRef ? walk.pdf.context.lookup(kid) : kid;
    if (!(kidDict instanceof PDFDict)) continue;
    const type = nameOf(kidDict.get(PDFName.of('Type')));
    if (type === 'MCR') {
      const mcrPage = (kidDict.get(PDFName.of('Pg')) as PDFRef | undefined) ?? page;
      const mcid = kidDict.lookup(PDFName.of('MCID'), PDFNumber).asNumber();
      if (mcrPage) target.kids.push({ kind: 'content', page: mcrPage, mcid });
    } else if (type === 'OBJR') {
      target.kids.push({ kind: 'object', dict: kidDict });
    } else if (kid instanceof PDFRef) {
      collectElement(walk, kid, kidDict, page, target);
    }
  }
}

function collectElement(walk: Walk, ref: PDFRef, dict: PDFDict, page: PDFRef | undefined, target: StructNode): void {
  walk.before += 1;
  walk.visited.add(ref);
  const identity = identityOf(dict);
  const existing = identity === undefined ? undefined : walk.seen.get(identity);
  if (existing) {
    walk.merged += 1;
    collect(walk, dict, page, existing);
    return;
  }
  const role = nameOf(dict.get(PDFName.of('S'))) ?? 'NonStruct';
  const ownLang = identity === undefined ? null : walk.marks.ownLang[identity] ?? null;
  const expansion = identity === undefined ? undefined : walk.marks.expansions[identity];
  if (expansion) {
    // An abbreviation is a Span whose /E says what it stands for.
    dict.set(PDFName.of('S'), PDFName.of('Span'));
    dict.set(PDFName.of('E'), PDFHexString.fromText(expansion));
  }
  const block = identity !== undefined && (walk.marks.blocks ?? []).includes(identity);
  // A code block is a paragraph of its own, not a wrapper to dissolve.
  if (block && HOISTED.has(role)) dict.set(PDFName.of('S'), PDFName.of('P'));
  const meaningful = block || ownLang || ['Alt', 'ActualText', 'E'].some((key) => dict.has(PDFName.of(key)));
  if (HOISTED.has(role) && !meaningful) {
    collect(walk, dict, page, target);
    return;
  }
  const node: StructNode = { ref, dict, kids: [] };
  if (identity !== undefined) walk.seen.set(identity, node);
  target.kids.push({ kind: 'element', node });
  collect(walk, dict, page, node);
}

function kidsOf(dict: PDFDict): PDFObject[] {
  const k = dict.get(PDFName.of('K'));
  if (k === undefined) return [];
  return k instanceof PDFArray ? k.asArray() : [k];
}

function refsOf(object: PDFObject | undefined): PDFRef[] {
  if (object instanceof PDFRef) return [object];
  if (object instanceof PDFArray) return object.asArray().filter((o): o is PDFRef => o instanceof PDFRef);
  return [];
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

function identityOf(dict: PDFDict): number | undefined {
  const match = textOf(dict.get(PDFName.of('Lang')))?.match(IDENTITY_SUBTAG);
  return match ? Number.parseInt(match[1], 36) : undefined;
}

/** Semantic repairs Chromium's tree needs once it is whole. */
function refine(node: StructNode, pdf: PDFDocument): void {
  for (const item of node.kids) if (item.kind === 'element') refine(item.node, pdf);
  const role = nameOf(node.dict.get(PDFName.of('S')));
  if (role && RENAMED[role]) node.dict.set(PDFName.of('S'), PDFName.of(RENAMED[role]));
  // A paragraph holding nothing but an image is that image: Figure, not P > Figure.
  node.kids = node.kids.map((item) => {
    if (item.kind !== 'element' || nameOf(item.node.dict.get(PDFName.of('S'))) !== 'P') return item;
    const only = item.node.kids.length === 1 ? item.node.kids[0] : undefined;
    if (only?.kind === 'element' && nameOf(only.node.dict.get(PDFName.of('S'))) === 'Figure') return only;
    return item;
  });
  // PDF/UA wants a list item's content in LBody, beside its Lbl.
  if (role === 'LI') {
    const label = node.kids.filter((item) => item.kind === 'element' && nameOf(item.node.dict.get(PDFName.of('S'))) === 'Lbl');
    const rest = node.kids.filter((item) => !label.includes(item));
    if (rest.length) {
      const body = pdf.context.obj({ Type: 'StructElem', S: 'LBody' });
      const bodyNode: StructNode = { ref: pdf.context.register(body), dict: body, kids: rest };
      node.kids = [...label, { kind: 'element', node: bodyNode }];
    }
  }
}

function writeBack(node: StructNode, parent: PDFRef, pdf: PDFDocument, marks: TaggingMarks, kept: Set<PDFRef>): void {
  const context = pdf.context;
  kept.add(node.ref);
  const firstPage = node.kids.find((item) => item.kind === 'content') as { page: PDFRef } | undefined;
  const page = firstPage?.page;
  const kids = node.kids.map((item): PDFObject => {
    if (item.kind === 'element') return item.node.ref;
    if (item.kind === 'object') return item.dict;
    if (item.page === page) return PDFNumber.of(item.mcid);
    return context.obj({ Type: 'MCR', Pg: item.page, MCID: item.mcid });
  });
  node.dict.set(PDFName.of('K'), context.obj(kids));
  node.dict.set(PDFName.of('P'), parent);
  if (page) node.dict.set(PDFName.of('Pg'), page);
  else node.dict.delete(PDFName.of('Pg'));
  const identity = identityOf(node.dict);
  if (identity !== undefined) {
    const own = marks.ownLang[identity];
    if (own) node.dict.set(PDFName.of('Lang'), PDFString.of(own));
    else node.dict.delete(PDFName.of('Lang'));
  }
  for (const item of node.kids) if (item.kind === 'element') writeBack(item.node, node.ref, pdf, marks, kept);
}

function rebuildParentTree(root: StructNode, treeRoot: PDFDict, pdf: PDFDocument): void {
  const context = pdf.context;
  const byPage = new Map<PDFRef, PDFRef[]>();
  const byObject = new Map<number, PDFRef>();
  const collect = (node: StructNode) => {
    for (const item of node.kids) {
      if (item.kind === 'element') collect(item.node);
      else if (item.kind === 'content') {
        const list = byPage.get(item.page) ?? [];
        list[item.mcid] = node.ref;
        byPage.set(item.page, list);
      } else {
        const annotation = item.dict.lookup(PDFName.of('Obj'));
        const key = annotation instanceof PDFDict ? annotation.get(PDFName.of('StructParent')) : undefined;
        if (key instanceof PDFNumber) byObject.set(key.asNumber(), node.ref);
      }
    }
  };
  collect(root);
  const pageKey = (page: PDFDict) => {
    const key = page.get(PDFName.of('StructParents'));
    return key instanceof PDFNumber ? key.asNumber() : undefined;
  };
  const pages = pdf.getPages();
  let nextKey = 1 + Math.max(-1, ...byObject.keys(), ...pages.map((page) => pageKey(page.node) ?? -1));
  const entries: [number, PDFObject][] = [];
  for (const page of pages) {
    const list = byPage.get(page.ref);
    if (!list) continue;
    let key = pageKey(page.node);
    if (key === undefined) {
      key = nextKey++;
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    }
    const filled = Array.from({ length: list.length }, (_, i) => list[i] ?? PDFNull);
    entries.push([key, context.obj(filled)]);
  }
  for (const [key, ref] of byObject) entries.push([key, ref]);
  entries.sort((a, b) => a[0] - b[0]);
  const nums: PDFObject[] = entries.flatMap(([key, value]) => [PDFNumber.of(key), value]);
  treeRoot.set(PDFName.of('ParentTree'), context.register(context.obj({ Nums: nums })));
  treeRoot.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(nextKey));
}
