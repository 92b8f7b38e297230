import type { Blockquote, Code, Image, List, Paragraph, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { spokenText } from '../../document/read-text.js';
import type { Sentence } from '../../document/sentences.js';
import type { ArticleDocument } from '../../document/types.js';
import { displayDate } from '../../render/dates.js';
import { joinNames, pageStrings } from '../../render/strings.js';
import { codeLanguage, phrasesFor, type Phrases } from './phrases.js';

/** One piece of narration, spoken by one synthesis call. */
export interface Utterance {
  /** What is said, as displayed text; speech-text normalisation comes later, per engine. */
  say: string;
  /** The text is a heading (Roman numerals are read as numbers). */
  heading?: boolean;
  /** The caption for it: the displayed text and the id of the element showing it. Announcements have none. */
  cue?: { id: string; text: string };
  /** Silence after it, in milliseconds. */
  pauseMs: number;
  /** The utterance opens a chapter (a top-level section). */
  chapter?: { id: string; title: string };
}

export const PAUSE = { sentence: 300, paragraph: 750, heading: 1000, item: 450, announcement: 400 } as const;

function isSentence(node: RootContent): node is Sentence {
  return node.type === 'sentence';
}

function closeWithStop(text: string): string {
  return /[.!?…:;]["'”’)]*$/u.test(text) ? text : `${text}.`;
}

/** Builds the narration of an article, in reading order. */
class ScriptWriter {
  readonly utterances: Utterance[] = [];
  constructor(private readonly phrases: Phrases | undefined) {}

  announce(text: string | undefined, pauseMs: number = PAUSE.announcement): void {
    if (text) this.utterances.push({ say: text, pauseMs });
  }

  /** Speaks a block's sentences one by one; a block without sentence marks is spoken whole. */
  block(node: Parent, pauseMs: number, options: { heading?: boolean; prefix?: string; chapter?: Utterance['chapter'] } = {}): void {
    const sentences = collectSentences(node);
    const first = this.utterances.length;
    if (!sentences.length) {
      const text = spokenText(node);
      if (text) this.utterances.push({ say: options.heading ? text : closeWithStop(text), heading: options.heading, pauseMs });
    }
    sentences.forEach((sentence, index) => {
      // As read: a wrapped source line or a hard break is a space, never a pause or a glued word.
      const text = spokenText(sentence);
      const last = index === sentences.length - 1;
      this.utterances.push({
        say: text,
        heading: options.heading,
        cue: { id: sentence.data?.hProperties.id ?? '', text },
        pauseMs: last ? pauseMs : PAUSE.sentence,
      });
    });
    const opening = this.utterances[first];
    if (opening) {
      if (options.prefix) opening.say = `${options.prefix} ${opening.say}`;
      if (options.chapter) opening.chapter = options.chapter;
    }
  }

  children(nodes: RootContent[]): void {
    for (const node of nodes) this.node(node);
  }

  node(node: RootContent): void {
    switch (node.type) {
      case 'heading': {
        const id = String(node.data?.hProperties?.id ?? '');
        // Titled as the page shows it (no image alt text, no footnote marks), so chapters match the sections.
        const chapter = node.depth === 2 ? { id, title: spokenText(node) || toString(node) } : undefined;
        this.block(node, PAUSE.heading, { heading: true, chapter });
        break;
      }
      case 'paragraph':
        this.paragraph(node);
        break;
      case 'blockquote':
        this.quote(node);
        break;
      case 'list':
        this.list(node);
        break;
      case 'table':
        this.table(node);
        break;
      case 'code':
        this.code(node);
        break;
      case 'thematicBreak':
        this.pause(PAUSE.heading);
        break;
      case 'footnoteDefinition':
        this.withPrefix(this.phrases?.note(node.label ?? node.identifier), node.children);
        break;
      case 'html':
      case 'definition':
      case 'yaml':
        break;
      default:
        if ('children' in node) this.children(node.children as RootContent[]);
        else if ('value' in node && typeof node.value === 'string' && node.value.trim()) this.announce(closeWithStop(node.value.trim()), PAUSE.paragraph);
    }
  }

  /**
   * A paragraph: its images described first (an image link's too), by their alt text, announced as images and
   * captioned; then its sentences. A figure's caption is announced as one.
   */
  private paragraph(node: Paragraph): void {
    const images = describedImages(node);
    images.forEach((image, index) => {
      const alt = image.alt!.trim();
      const text = `${this.phrases?.image ?? ''} ${alt}`.trim();
      const id = String(image.data?.hProperties?.id ?? '');
      const last = index === images.length - 1;
      this.utterances.push({ say: closeWithStop(text), cue: { id, text }, pauseMs: last && !spokenText(node) ? PAUSE.paragraph : PAUSE.sentence });
    });
    const caption = node.data?.hName === 'figcaption' ? this.phrases?.caption : undefined;
    this.block(node, PAUSE.paragraph, { prefix: caption });
  }

  /** A code block is not read (symbols read aloud are noise), but said to be there: its language and length. */
  private code(node: Code): void {
    const lines = node.value.replace(/\n+$/u, '').split('\n').length;
    this.announce(this.phrases?.code(codeLanguage(node.lang), lines), PAUSE.paragraph);
  }

  private pause(ms: number): void {
    const last = this.utterances[this.utterances.length - 1];
    if (last) last.pauseMs = Math.max(last.pauseMs, ms);
  }

  private withPrefix(prefix: string | undefined, nodes: RootContent[]): void {
    const first = this.utterances.length;
    this.children(nodes);
    const opening = this.utterances[first];
    if (opening && prefix) opening.say = `${prefix} ${opening.say}`;
  }

  private quote(node: Blockquote): void {
    this.announce(this.phrases?.quote, PAUSE.sentence);
    this.children(node.children);
    this.announce(this.phrases?.endQuote, PAUSE.paragraph);
  }

  private list(node: List): void {
    const ordered = Boolean(node.ordered);
    this.announce(this.phrases?.list(node.children.length, ordered));
    node.children.forEach((item, index) => {
      const prefix = ordered ? `${(node.start ?? 1) + index}.` : undefined;
      this.withPrefix(prefix, item.children);
      this.pause(PAUSE.item);
    });
    this.announce(this.phrases?.endList, PAUSE.paragraph);
  }

  private table(node: Table): void {
    const [header, ...rows] = node.children;
    if (!header) return;
    const columns = header.children.map((cell) => toString(cell).trim());
    this.announce(this.phrases?.table(columns), PAUSE.sentence);
    for (const cell of header.children) this.block(cell, PAUSE.sentence);
    this.pause(PAUSE.paragraph);
    rows.forEach((row, index) => {
      this.announce(this.phrases?.row(index + 1), PAUSE.sentence);
      row.children.forEach((cell, column) => {
        const name = columns[column];
        this.block(cell, PAUSE.sentence, { prefix: name ? `${name}:` : undefined });
      });
      this.pause(PAUSE.paragraph);
    });
  }
}

/** The images of a block that have alt text, in order, including those inside links. */
function describedImages(node: Parent): Image[] {
  const found: Image[] = [];
  visit(node as Paragraph, 'image', (image) => void (image.alt?.trim() && found.push(image)));
  return found;
}

function collectSentences(node: Parent): Sentence[] {
  const found: Sentence[] = [];
  for (const child of node.children as (RootContent | PhrasingContent)[]) {
    if (isSentence(child as RootContent)) found.push(child as Sentence);
  }
  return found;
}

/**
 * The narration of an article, from the same tree as the page: the opening
 * (title, authors, date), then the body in reading order with the "About the
 * authors" section last, each displayed sentence one utterance with its cue.
 */
export function narrationScript(doc: ArticleDocument): Utterance[] {
  const { title, authors, date, lang } = doc.meta;
  const phrases = phrasesFor(lang);
  const writer = new ScriptWriter(phrases);
  writer.utterances.push({ say: closeWithStop(title), heading: true, cue: { id: 'title', text: title }, pauseMs: PAUSE.sentence, chapter: { id: 'title', title } });
  if (authors.length) {
    const names = joinNames(authors, lang);
    // The cue shows what the page shows: its own "By" in the article's language.
    writer.utterances.push({ say: closeWithStop(`${phrases?.by ?? ''} ${names}`.trim()), cue: { id: 'byline-authors', text: `${pageStrings(lang).by} ${names}` }, pauseMs: PAUSE.sentence });
  }
  if (date) {
    const shown = displayDate(date, lang);
    // English normalisation speaks an ISO date naturally; other languages read the locale's own format.
    const spoken = lang.startsWith('en') && /^\d{4}-\d{2}-\d{2}/u.test(date) ? date.slice(0, 10) : shown;
    writer.utterances.push({ say: closeWithStop(`${phrases?.published ?? ''} ${spoken}`.trim()), cue: { id: 'byline-date', text: shown }, pauseMs: PAUSE.paragraph });
  }
  const last = writer.utterances[writer.utterances.length - 1]!;
  last.pauseMs = PAUSE.heading;
  const [first, ...rest] = (doc.tree as Root).children;
  const body = first?.type === 'heading' && first.depth === 1 ? rest : (doc.tree as Root).children;
  writer.children(body);
  return writer.utterances.filter((utterance) => utterance.say.trim());
}
