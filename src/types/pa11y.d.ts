// pa11y 9 ships no types; src/check/page-audit.ts states the shape it uses.
declare module 'pa11y';
