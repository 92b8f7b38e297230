// Read-along for Broadside pages: progressive enhancement of the narration
// player. Without it the page, the player and the chapter links all work.
(() => {
  'use strict';
  const audio = document.getElementById('narration');
  if (!(audio instanceof HTMLAudioElement)) return;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  /** [id, start, end] per sentence, in playing order. */
  let cues = [];
  const startOf = new Map();
  let current = null;

  const highlight = (element) => {
    if (element === current) return;
    if (current) current.classList.remove('reading');
    current = element;
    if (!element) return;
    element.classList.add('reading');
    if (audio.paused) return;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      element.scrollIntoView({ block: 'center', behavior: reduceMotion.matches ? 'auto' : 'smooth' });
    }
  };

  const seek = (seconds, play) => {
    if (!Number.isFinite(seconds)) return;
    audio.currentTime = seconds;
    if (play) audio.play().catch(() => undefined);
  };

  /** The sentence being spoken at a time: the last cue starting at or before it, while it lasts. */
  const cueAt = (time) => {
    let low = 0;
    let high = cues.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (cues[middle][1] <= time) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found >= 0 && time < cues[found][2] ? cues[found] : null;
  };

  const sentences = [];
  const index = (list) => {
    cues = list.filter((cue) => cue && cue[0]).sort((a, b) => a[1] - b[1]);
    for (const [id, start] of cues) {
      const element = document.getElementById(id);
      if (!element || !element.classList.contains('s') || startOf.has(id)) continue;
      startOf.set(id, start);
      element.classList.add('seekable');
      // One sentence is in the Tab order (roving tabindex); the arrow keys move between the others.
      element.tabIndex = sentences.length ? -1 : 0;
      element.setAttribute('aria-describedby', 'readalong-hint');
      sentences.push(element);
    }
    const hint = document.getElementById('readalong-hint');
    if (hint && sentences.length) hint.hidden = false;
  };

  const island = document.getElementById('readalong-cues');
  if (island) {
    try {
      index(JSON.parse(island.textContent || '[]'));
    } catch {
      // A damaged island leaves the page as it is without script.
    }
  }
  const onTime = () => {
    const cue = cueAt(audio.currentTime);
    highlight(cue ? document.getElementById(cue[0]) : null);
  };
  audio.addEventListener('timeupdate', onTime);
  audio.addEventListener('seeked', onTime);
  audio.addEventListener('ended', () => highlight(null));

  // Without times in the page (an older page), the captions track gives them, over http only.
  const trackElement = audio.querySelector('track');
  const track = trackElement && trackElement.track;
  if (!cues.length && track) {
    track.mode = 'hidden';
    const fromTrack = () => track.cues && index(Array.from(track.cues).map((cue) => [cue.id, cue.startTime, cue.endTime]));
    if (track.cues && track.cues.length) fromTrack();
    if (trackElement) trackElement.addEventListener('load', fromTrack);
  }

  // A chapter link still moves to its heading; it also moves the narration there.
  for (const link of document.querySelectorAll('.chapters a[data-start]')) {
    link.addEventListener('click', () => seek(Number(link.getAttribute('data-start')), !audio.paused));
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element) || target.closest('a, button, input, summary, audio')) return;
    const sentence = target.closest('.s');
    if (!sentence || !startOf.has(sentence.id)) return;
    // Selecting text is not a request to seek.
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    seek(startOf.get(sentence.id), true);
  });

  // The keyboard path: Enter or Space on a sentence listens from it; arrows, Home and End move between sentences.
  document.addEventListener('keydown', (event) => {
    const sentence = event.target instanceof Element ? event.target.closest('.s.seekable') : null;
    if (!sentence || event.target !== sentence || event.altKey || event.ctrlKey || event.metaKey) return;
    const at = sentences.indexOf(sentence);
    let next = -1;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      seek(startOf.get(sentence.id), true);
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = Math.min(sentences.length - 1, at + 1);
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = Math.max(0, at - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = sentences.length - 1;
    if (next < 0) return;
    event.preventDefault();
    sentence.tabIndex = -1;
    sentences[next].tabIndex = 0;
    sentences[next].focus();
  });
})();
