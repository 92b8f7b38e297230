import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import type { BuildResult } from '../../src/index.js';
import { type Browser, describeViolations, launchBrowser, runAxe } from '../helpers/browser.js';
import { FIXTURES, SEED, tempDir } from '../helpers/fixtures.js';

const fixtureInputs = readdirSync(FIXTURES)
  .filter((name) => /\.(txt|md|markdown|html?)$/.test(name))
  .map((name) => path.join(FIXTURES, name));
const inputs = [SEED, ...fixtureInputs];

let out: string;
let result: BuildResult;
let browser: Browser;

const pageUrl = (source: string) =>
  pathToFileURL(path.join(out, path.basename(source, path.extname(source)), 'index.html')).href;

beforeAll(async () => {
  out = tempDir();
  result = await build({ inputs, outDir: out, formats: ['html'] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('fixtures', () => {
  it('cover every input kind, a second scraped page and a right-to-left article', () => {
    const kinds = fixtureInputs.map((f) => path.extname(f));
    expect(kinds).toContain('.md');
    expect(kinds.some((k) => k === '.html' || k === '.htm')).toBe(true);
    expect(kinds).toContain('.txt');
    const manifests = result.articles.filter((a) => a.ok).map((a) => JSON.parse(readFileSync(path.join(a.outDir, 'manifest.json'), 'utf8')));
    expect(manifests.some((m) => m.dir === 'rtl')).toBe(true);
  });

  it('all build', () => {
    expect(result.articles.filter((a) => !a.ok).map((a) => a.error)).toEqual([]);
  });
});

describe('the seed page', () => {
  it('has the right metadata in manifest.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'is-khorasan', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      title: 'IS-Khorasan: A Solemn Threat to Taliban',
      date: '2023-12-08',
      authors: ['Asma Hussain', 'Ismail Ahmad'],
      lang: 'en',
      dir: 'ltr',
      outputs: { html: 'index.html' },
    });
    expect(manifest.wordCount).toBeGreaterThan(900);
    expect(manifest.readingMinutes).toBeGreaterThanOrEqual(4);
    expect(manifest.description.length).toBeGreaterThan(40);
  });

  it('holds the nine body paragraphs in order, the bio, and none of the site chrome', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl(SEED));
    const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim();
    const source = readFileSync(SEED, 'utf8').split('\n').map((l) => squash(l));
    const expected = source.filter((line) => line.length > 300 && !line.startsWith('The Authors'));
    expect(expected).toHaveLength(9);
    const paragraphs = (await page.$$eval('main article > p', (ps) => ps.map((p) => p.textContent ?? ''))).map(squash);
    expect(paragraphs).toEqual(expected);
    const about = await page.$eval('main .about-authors', (s) => s.textContent ?? '');
    expect(about).toContain('Asma Hussain and Ismail Ahmad');
    expect(about).toContain('National Defence University Islamabad');
    const text = await page.$eval('body', (b) => b.textContent ?? '');
    for (const chrome of ['Please enter your comment', 'Please enter your name', 'Related Articles', 'Media Partner', 'Latest Posts', 'Get in Touch']) {
      expect(text).not.toContain(chrome);
    }
    await page.close();
  });

  it('has the semantics a screen reader needs', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl(SEED));
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      description: document.querySelector('meta[name=description]')?.getAttribute('content'),
      author: document.querySelector('meta[name=author]')?.getAttribute('content'),
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent),
      landmarks: ['body > header', 'body > main', 'body > footer'].map((s) => document.querySelectorAll(s).length),
      skip: document.querySelector('a.skip-link')?.getAttribute('href'),
      time: document.querySelector('.byline time')?.getAttribute('datetime'),
      byline: document.querySelector('.byline')?.textContent,
    }));
    expect(facts).toMatchObject({
      lang: 'en',
      dir: 'ltr',
      title: 'IS-Khorasan: A Solemn Threat to Taliban',
      author: 'Asma Hussain, Ismail Ahmad',
      h1: ['IS-Khorasan: A Solemn Threat to Taliban'],
      landmarks: [1, 1, 1],
      skip: '#main',
      time: '2023-12-08',
    });
    expect(facts.description).toBeTruthy();
    expect(facts.byline).toMatch(/By Asma Hussain and Ismail Ahmad/);
    expect(facts.byline).toMatch(/\d+ min read/);
    await page.close();
  });

  it('reads completely without JavaScript', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(pageUrl(SEED));
    const count = await page.$$eval('main article > p', (ps) => ps.filter((p) => (p as HTMLElement).offsetHeight > 0).length);
    expect(count).toBe(9);
    await page.close();
  });
});

describe('local images', () => {
  it('are copied next to the page and load', async () => {
    const post = fixtureInputs.find((f) => f.endsWith('post.md'))!;
    const page = await browser.newPage();
    await page.goto(pageUrl(post));
    const images = await page.$$eval('main img', (imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), width: (img as HTMLImageElement).naturalWidth })));
    await page.close();
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image.width, String(image.src)).toBeGreaterThan(0);
  });

  it('outside the article folder are never copied', async () => {
    const dir = tempDir();
    const article = path.join(dir, 'escape.md');
    writeFileSync(article, '# Escape\n\nText.\n\n![The password file](../../../../etc/passwd)\n');
    const out = tempDir();
    const built = await build({ inputs: [article], outDir: out, formats: ['html'] });
    expect(built.articles[0].ok).toBe(true);
    expect(built.articles[0].warnings.join('\n')).toMatch(/not a file inside the article's folder/);
    const html = readFileSync(path.join(out, 'escape', 'index.html'), 'utf8');
    expect(html).not.toContain('passwd"');
    expect(html).toContain('alt="The password file"');
  });
});

describe.each(inputs.map((input) => [path.basename(input), input]))('the page for %s', (_name, input) => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations (${scheme})`, async () => {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.goto(pageUrl(input));
      const violations = await runAxe(page);
      await page.close();
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('has no axe violations with prefers-contrast: more', async () => {
    const page = await browser.newPage();
    // Puppeteer's emulateMediaFeatures does not accept prefers-contrast; the protocol does.
    const session = await page.createCDPSession();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-contrast', value: 'more' }] });
    await page.goto(pageUrl(input));
    const violations = await runAxe(page);
    await page.close();
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  // 320 CSS px is WCAG 1.4.10's reflow width; 640 px is a 1280 px window at 200 % zoom.
  for (const width of [320, 640]) {
    it(`reflows without horizontal scrolling at ${width} CSS px`, async () => {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 800 });
      await page.goto(pageUrl(input));
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      await page.close();
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }

  it('is readable by default: ≥ 1rem text, ≤ 75ch lines, line height ≥ 1.5, never justified', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(pageUrl(input));
    const style = await page.$eval('main article p, main article li', (p) => {
      const cs = getComputedStyle(p);
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(100);
      probe.style.font = cs.font;
      document.body.append(probe);
      const ch = probe.getBoundingClientRect().width / 100;
      return {
        fontSize: parseFloat(cs.fontSize),
        lineHeight: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize),
        textAlign: cs.textAlign,
        widthCh: p.getBoundingClientRect().width / ch,
      };
    });
    await page.close();
    expect(style.fontSize).toBeGreaterThanOrEqual(16);
    expect(style.lineHeight).toBeGreaterThanOrEqual(1.5);
    expect(style.textAlign).not.toBe('justify');
    expect(style.widthCh).toBeLessThanOrEqual(75);
  });
});
