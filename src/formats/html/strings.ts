/** The words the page itself adds around the article, per language. */
export interface PageStrings {
  skipLink: string;
  by: string;
  /** Joins the last two names: "A, B and C". */
  and: string;
  minutesRead: (minutes: number) => string;
  otherEditions: string;
  editions: Record<'pdf' | 'largePrintPdf' | 'audio' | 'captions' | 'epub' | 'braille' | 'braillePreview', string>;
  listen: string;
  source: (file: string) => string;
  /** The print footer, "Page N of M", as the text before N and between N and M. */
  pageOf: [before: string, between: string];
  /** Printed before a table whose rows and columns print swapped, because it is too wide for the paper. */
  tableTurned: string;
}

const en: PageStrings = {
  skipLink: 'Skip to the article',
  by: 'By',
  and: ' and ',
  minutesRead: (n) => `${n} min read`,
  otherEditions: 'Other editions',
  editions: {
    pdf: 'Print edition (PDF)',
    largePrintPdf: 'Large-print edition (PDF)',
    audio: 'Audio narration (MP3)',
    captions: 'Narration transcript with timings (WebVTT)',
    braille: 'Braille edition for embossing (BRF)',
    braillePreview: 'Braille preview for sighted readers',
    epub: 'Talking book: text and narration in sync (EPUB 3)',
  },
  listen: 'Listen to this article',
  source: (file) => `Source: ${file}. Made accessible with Broadside.`,
  pageOf: ['Page ', ' of '],
  tableTurned: 'This table is too wide for the page, so its rows and columns are swapped here: each column of the original is a row. The web page has the table as published.',
};

const STRINGS: Record<string, PageStrings> = {
  en,
  ar: {
    skipLink: 'انتقل إلى المقال',
    by: 'بقلم',
    and: ' و',
    minutesRead: (n) => `وقت القراءة: ${n} د`,
    otherEditions: 'نسخ أخرى',
    editions: {
      pdf: 'نسخة للطباعة (PDF)',
      largePrintPdf: 'نسخة بخط كبير (PDF)',
      audio: 'تسجيل صوتي (MP3)',
      captions: 'نص التسجيل مع التوقيت (WebVTT)',
      braille: 'نسخة بطريقة برايل للطباعة النافرة (BRF)',
      braillePreview: 'معاينة برايل للمبصرين',
      epub: 'كتاب ناطق: النص والتسجيل متزامنان (EPUB 3)',
    },
    listen: 'استمع إلى هذا المقال',
    source: (file) => `المصدر: ${file}. أُعدّت بصيغ ميسّرة باستخدام Broadside.`,
    pageOf: ['صفحة ', ' من '],
    tableTurned: 'هذا الجدول أعرض من الصفحة، لذلك بُدّلت هنا صفوفه بأعمدته: كل عمود في الأصل صار صفًّا. وتعرض صفحة الويب الجدول كما نُشر.',
  },
  fr: {
    skipLink: 'Aller à l’article',
    by: 'Par',
    and: ' et ',
    minutesRead: (n) => `${n} min de lecture`,
    otherEditions: 'Autres éditions',
    editions: {
      pdf: 'Édition imprimable (PDF)',
      largePrintPdf: 'Édition en gros caractères (PDF)',
      audio: 'Lecture audio (MP3)',
      captions: 'Transcription minutée (WebVTT)',
      braille: 'Édition en braille à embosser (BRF)',
      braillePreview: 'Aperçu du braille pour les voyants',
      epub: 'Livre audio synchronisé avec le texte (EPUB 3)',
    },
    listen: 'Écouter cet article',
    source: (file) => `Source : ${file}. Rendu accessible avec Broadside.`,
    pageOf: ['Page ', ' sur '],
    tableTurned: 'Ce tableau est trop large pour la page : ses lignes et ses colonnes sont donc interverties ici, chaque colonne de l’original devenant une ligne. La page web présente le tableau tel qu’il a été publié.',
  },
  es: {
    skipLink: 'Ir al artículo',
    by: 'Por',
    and: ' y ',
    minutesRead: (n) => `${n} min de lectura`,
    otherEditions: 'Otras ediciones',
    editions: {
      pdf: 'Edición para imprimir (PDF)',
      largePrintPdf: 'Edición en letra grande (PDF)',
      audio: 'Narración en audio (MP3)',
      captions: 'Transcripción con tiempos (WebVTT)',
      braille: 'Edición en braille para imprimir (BRF)',
      braillePreview: 'Vista previa del braille para videntes',
      epub: 'Audiolibro con texto sincronizado (EPUB 3)',
    },
    listen: 'Escuchar este artículo',
    source: (file) => `Fuente: ${file}. Hecho accesible con Broadside.`,
    pageOf: ['Página ', ' de '],
    tableTurned: 'Esta tabla es demasiado ancha para la página, por lo que aquí se intercambian sus filas y columnas: cada columna del original es una fila. La página web muestra la tabla tal como se publicó.',
  },
  de: {
    skipLink: 'Zum Artikel springen',
    by: 'Von',
    and: ' und ',
    minutesRead: (n) => `${n} Min. Lesezeit`,
    otherEditions: 'Weitere Ausgaben',
    editions: {
      pdf: 'Druckausgabe (PDF)',
      largePrintPdf: 'Großdruckausgabe (PDF)',
      audio: 'Vorgelesen (MP3)',
      captions: 'Transkript mit Zeitmarken (WebVTT)',
      braille: 'Brailleausgabe zum Prägen (BRF)',
      braillePreview: 'Braille-Vorschau für Sehende',
      epub: 'Hörbuch mit synchronem Text (EPUB 3)',
    },
    listen: 'Diesen Artikel anhören',
    source: (file) => `Quelle: ${file}. Barrierefrei aufbereitet mit Broadside.`,
    pageOf: ['Seite ', ' von '],
    tableTurned: 'Diese Tabelle ist zu breit für die Seite, daher sind Zeilen und Spalten hier vertauscht: Jede Spalte des Originals ist eine Zeile. Die Webseite zeigt die Tabelle wie veröffentlicht.',
  },
};

/** The page's own words in the article's language, English where we have none. */
export function pageStrings(lang: string): PageStrings {
  return STRINGS[lang.toLowerCase().split('-')[0]] ?? en;
}

/** "A", "A and B", "A, B and C", in the article's language. */
export function joinNames(names: string[], lang = 'en'): string {
  if (names.length <= 1) return names.join('');
  const comma = /^(ar|fa|ur|ps)\b/.test(lang) ? '، ' : ', ';
  return `${names.slice(0, -1).join(comma)}${pageStrings(lang).and}${names[names.length - 1]}`;
}
