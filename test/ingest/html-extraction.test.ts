import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/ingest/readers/html.js';
import { normaliseDocument } from '../../src/document/pipeline.js';
import { withoutSiteName } from '../../src/ingest/html/title.js';

/*
 * Pages of many shapes, cut down from the way real sites mark them up (Le Monde
 * and Libération's "Lire aussi" boxes and "Par" bylines, an Arabic news page,
 * WordPress and Drupal blogs, documentation with permalink anchors, a forum
 * post, a press release): what the HTML reader keeps, drops and states.
 */
function read(text: string) {
  const file = new VFile({ path: 'page.html', value: text });
  return { ...readHtml(text, file), file };
}
function built(text: string) {
  const file = new VFile({ path: 'page.html', value: text });
  return normaliseDocument({ source: 'page.html', name: 'page', kind: 'html', file, read: readHtml(text, file), lexicon: [] });
}
function headings(tree: Root): [number, string][] {
  const found: [number, string][] = [];
  visit(tree, 'heading', (h: Heading) => void found.push([h.depth, toString(h)]));
  return found;
}
const para = (text: string, n = 4) => Array.from({ length: n }, (_, i) => `<p>${text} (${i + 1})</p>`).join('\n');

const FR = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le projet de loi sur le renseignement approuvé à l'Assemblée | Le Quotidien</title>
<meta property="og:site_name" content="Le Quotidien">
<meta property="article:published_time" content="2015-05-05T18:03:00+02:00">
</head><body><header class="site-header"><nav><a href="/">Accueil</a><a href="/politique">Politique</a></nav></header>
<main><article><h1>Le projet de loi sur le renseignement approuvé à l'Assemblée</h1>
<p class="chapo">Largement approuvé par les députés, le texte sera désormais examiné par le Sénat, puis par le Conseil constitutionnel.</p>
<p class="signature">Par Martin Untersinger</p>
${para("Les députés ont adopté mardi, à une large majorité, le projet de loi sur le renseignement, qui encadre les pratiques des services et leur donne de nouveaux moyens de surveillance, malgré les critiques des associations")}
<p>Lire aussi : Renseignement : ce que contient le projet de loi</p>
<div class="share-bar"><a href="https://twitter.com/intent/tweet?url=x">Partager</a><a href="https://facebook.com/sharer">Facebook</a></div>
${para("Le texte prévoit notamment l'installation chez les opérateurs de dispositifs d'analyse automatique des données de connexion, destinés à repérer des comportements suspects", 3)}
<div class="newsletter-box"><p>Recevez chaque matin notre newsletter politique, gratuitement dans votre boîte.</p></div>
</article></main>
<footer><p>© Le Quotidien 2015. Tous droits réservés.</p></footer></body></html>`;

const AR = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ارتفاع أسعار النفط في الأسواق العالمية - الأخبار</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"ارتفاع أسعار النفط في الأسواق العالمية","datePublished":"2019-11-20T08:00:00+03:00","publisher":{"@type":"Organization","name":"الأخبار"}}</script>
</head><body><nav><a href="/">الرئيسية</a></nav><article>
<p>بقلم أحمد الحسيني</p>
${para('ارتفعت أسعار النفط اليوم في الأسواق العالمية بعد أن أعلنت الدول المنتجة عن خفض الإنتاج خلال الأشهر المقبلة، وقال محللون إن الأسعار قد تواصل الارتفاع حتى نهاية العام الجاري')}
<p>اقرأ أيضا</p>
<ul><li><a href="/a">أسعار الذهب تتراجع</a></li><li><a href="/b">البورصة تغلق على ارتفاع</a></li></ul>
${para('وأضاف المحللون أن الطلب على النفط سيبقى مرتفعا في فصل الشتاء بسبب زيادة الاستهلاك في الدول الصناعية الكبرى', 2)}
</article></body></html>`;

const DOCS = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Streams · Node Guide</title>
<meta property="og:site_name" content="Node Guide"></head><body><nav class="toc"><a href="#reading">Reading</a></nav>
<main><h1>Streams</h1>
<p>See <a href="#reading-a-file">reading a file</a> and <a href="#writing">writing</a> below.</p>
<h2 id="reading-a-file"><a class="anchor" href="#reading-a-file">#</a>Reading a file</h2>
${para('A readable stream emits data in chunks, so a large file never has to sit in memory all at once while the program works through it', 2)}
<pre><code class="language-js">const stream = fs.createReadStream('big.log');
stream.on('data', (chunk) =&gt; count += chunk.length);</code></pre>
<h3><span id="back-pressure"></span>Back pressure<a href="#back-pressure" class="headerlink">¶</a></h3>
${para('When the consumer is slower than the producer, the stream pauses until the buffered data has been taken, which keeps the memory use flat', 2)}
<a name="writing"></a><h2>Writing</h2>
${para('A writable stream takes chunks and reports when its buffer is full, and the caller waits for the drain event before writing again', 2)}
</main></body></html>`;

describe('French news page', () => {
  const { tree, meta } = read(FR);
  const text = toString(tree);
  it('keeps the standfirst and the body, drops the byline, the "Lire aussi" line, the share bar and the newsletter box', () => {
    expect(text).toContain('Largement approuvé par les députés');
    expect(text).toContain('Les députés ont adopté mardi');
    expect(text).toContain("l'installation chez les opérateurs");
    expect(text).not.toContain('Lire aussi');
    expect(text).not.toContain('Partager');
    expect(text).not.toContain('newsletter');
    expect(text).not.toContain('Tous droits');
  });
  it('states title without the site name, author from "Par", date and language', () => {
    expect(meta.title).toBe("Le projet de loi sur le renseignement approuvé à l'Assemblée");
    expect(meta.authors).toEqual(['Martin Untersinger']);
    expect(meta.date).toBe('2015-05-05T18:03:00+02:00');
    expect(meta.lang).toBe('fr');
  });
});

describe('Arabic news page', () => {
  const { tree, meta } = read(AR);
  const text = toString(tree);
  it('keeps the body, drops the "اقرأ أيضا" label and its list of links', () => {
    expect(text).toContain('ارتفعت أسعار النفط اليوم');
    expect(text).toContain('وأضاف المحللون');
    expect(text).not.toContain('اقرأ أيضا');
    expect(text).not.toContain('أسعار الذهب تتراجع');
  });
  it('states title, author from "بقلم", date, language and direction', () => {
    expect(meta.title).toBe('ارتفاع أسعار النفط في الأسواق العالمية');
    expect(meta.authors).toEqual(['أحمد الحسيني']);
    expect(meta.date).toBe('2019-11-20T08:00:00+03:00');
    expect(meta.lang).toBe('ar');
    expect(meta.dir).toBe('rtl');
  });
});

describe('documentation page', () => {
  const doc = built(DOCS);
  it('keeps every heading at its level, without permalink signs', () => {
    expect(headings(doc.tree)).toEqual([[1, 'Streams'], [2, 'Reading a file'], [3, 'Back pressure'], [2, 'Writing']]);
  });
  it('keeps the page ids on the headings and points in-page links at them', () => {
    const ids: string[] = [];
    visit(doc.tree, 'heading', (h: Heading) => void ids.push(String(h.data?.hProperties?.id)));
    expect(ids.slice(1)).toEqual(['reading-a-file', 'back-pressure', 'writing']);
    const links: string[] = [];
    visit(doc.tree, 'link', (l) => void links.push(l.url));
    expect(links).toEqual(expect.arrayContaining(['#reading-a-file', '#writing']));
  });
  it('keeps code as code, with its language', () => {
    const code: { lang?: string | null; value: string }[] = [];
    visit(doc.tree, 'code', (c) => void code.push(c));
    expect(code).toHaveLength(1);
    expect(code[0]!.lang).toBe('js');
    expect(code[0]!.value).toContain("fs.createReadStream('big.log')");
  });
  it('takes the title without the site name', () => {
    expect(doc.meta.title).toBe('Streams');
  });
});

describe('blog post, forum post and press release', () => {
  it('blog: "Posted by X." byline, a dated line and a tag line never become title, body or date noise', () => {
    const { tree, meta } = read(`<html lang="en"><head><title>Home</title></head><body><div id="content" class="site-content with-sidebar">
<div class="post"><h1 class="entry-title">Fixing the old bike</h1><p class="meta">Posted by Sam Reed. Published 21 November 2019 · Tagged with bikes, repair</p>
${para('I spent the weekend taking the old bike apart in the shed, cleaning every part of the chain and the gears, and putting it back together with new brake pads')}
<p>Tags: bikes, repair</p></div><div class="sidebar widget"><h3>Archives</h3><p><a href="/2019/10">October 2019</a></p></div></div></body></html>`);
    expect(meta.title).toBe('Fixing the old bike');
    expect(meta.authors).toEqual(['Sam Reed']);
    expect(meta.date?.slice(0, 10)).toBe('2019-11-21');
    const text = toString(tree);
    expect(text).toContain('I spent the weekend');
    expect(text).not.toContain('Archives');
    expect(text).not.toContain('Tags: bikes');
  });

  it('forum post: the post and its answer stay, the reply box and the "Share" label go', () => {
    const { tree } = read(`<html lang="en"><head><title>How do I reset the router? - Help Forum</title></head><body><main>
<h1>How do I reset the router?</h1>
${para('My router stopped giving out addresses after the update last night, and restarting it did not help, so I would like to reset it to the factory settings', 2)}
<div class="answer"><p>Hold the reset button on the back for ten seconds with a paper clip until the lights blink, then wait two minutes for it to start again with the defaults.</p></div>
<p>Share</p><form class="reply"><textarea></textarea><button>Post reply</button></form></main></body></html>`);
    const text = toString(tree);
    expect(text).toContain('My router stopped');
    expect(text).toContain('Hold the reset button');
    expect(text).not.toMatch(/\bShare\b/);
    expect(text).not.toContain('Post reply');
  });

  it('press release: the boilerplate about the company stays as the release states it, photo credits go', () => {
    const { tree, meta } = read(`<html lang="en"><head><meta property="og:title" content="Acme opens a new plant in Leeds | Acme Corp"><meta property="og:site_name" content="Acme Corp"></head><body><article>
<p>LEEDS, England, 19 November 2019 — Acme Corp today opened its third plant in the north of England, creating 300 jobs over the next two years.</p>
<figure><img src="https://example.org/plant.jpg" alt="The new plant"><figcaption>The new plant on the ring road.</figcaption></figure>
<p>(Image: © Acme Corp / Jane Doe)</p>
${para('The plant will make parts for electric buses and trains, and the company expects it to run on power from the wind farm nearby from next spring', 3)}
<h2>About Acme</h2><p>Acme Corp makes parts for trains and buses, and employs 4,000 people in nine countries.</p>
</article></body></html>`);
    const text = toString(tree);
    expect(meta.title).toBe('Acme opens a new plant in Leeds');
    expect(text).toContain('today opened its third plant');
    expect(text).toContain('The new plant on the ring road.');
    expect(text).toContain('employs 4,000 people');
    expect(text).not.toContain('(Image:');
  });
});

describe('inline boilerplate', () => {
  it('drops a hover card but keeps the name it hangs on, and keeps links whatever their class', () => {
    const { tree } = read(`<html lang="en"><body><article>
<p>A man pleaded guilty to threatening Rep. <span class="rollover-people"><a class="rollover-people-link" href="/people/jane-roe">Jane Roe</a><span class="rollover-people-block"><a href="/x">Other story about her</a> <a class="more" href="/people/jane-roe">MORE</a></span></span> (D-Ore.), the office said on Monday, after a <a class="tag" href="/t/trial">trial</a> of three weeks.</p>
${para('The court heard that the calls were made over several months, and the judge set the sentencing for the spring, when both sides will be heard again')}
</article></body></html>`);
    const text = toString(tree);
    expect(text).toContain('threatening Rep. Jane Roe (D-Ore.)');
    expect(text).toContain('after a trial of three weeks');
    expect(text).not.toContain('Other story about her');
  });
});

describe('the head of a real page (mozilla/readability test-pages/liberation-1), without og:title', () => {
  // The <title> is "… - Libération" and og:site_name "Libération.fr": the dash sets off the site's name.
  const head = `<meta charset="utf-8"/><title>Un troisième Français mort dans le séisme au Népal - Libération</title>
<meta property="og:site_name" content="Libération.fr"/><meta property="og:type" content="article"/>
<meta property="article:published_time" content="2015-04-30T07:19:58"/>
<meta property="article:author" content="http://www.liberation.fr/auteur/2005-afp"/>
<meta name="twitter:site" content="@libe"/>
<link rel="canonical" href="http://www.liberation.fr/monde/2015/04/30/un-troisieme-francais-mort-dans-le-seisme-au-nepal_1278483"/>`;
  const { meta } = read(`<!DOCTYPE html><html class="no-js" lang="fr"><head>${head}</head><body><article>
${para('Laurent Fabius a accueilli jeudi matin à Roissy un premier avion spécial ramenant des rescapés du séisme qui a frappé le Népal samedi dernier', 3)}
</article></body></html>`);
  it('takes the title without the site name, the date, the language, and no URL as an author', () => {
    expect(meta.title).toBe('Un troisième Français mort dans le séisme au Népal');
    expect(meta.date?.startsWith('2015-04-30')).toBe(true);
    expect(meta.lang).toBe('fr');
    expect(meta.authors ?? []).not.toContain('http://www.liberation.fr/auteur/2005-afp');
  });
});

describe('site names in titles', () => {
  it('removes a leading or trailing site name, keeps a real colon title', () => {
    expect(withoutSiteName('V8 release v7.9 · V8', ['v8'])).toBe('V8 release v7.9');
    expect(withoutSiteName('The Verge | Star Trek 4 eyes Noah Hawley', ['theverge'])).toBe('Star Trek 4 eyes Noah Hawley');
    expect(withoutSiteName('Part one: the beginning', ['example'])).toBe('Part one: the beginning');
    expect(withoutSiteName('Daily Deals: Apple AirPods – IGN', ['ign'])).toBe('Daily Deals: Apple AirPods');
  });
});
