// Read-along for Broadside pages: progressive enhancement of the narration
// player. Without it the page, the player and the chapter links all work.
(() => {
  'use strict';
  const audio = document.getElementById('narration');
  if (!(audio instanceof HTMLAudioElement)) return;
  const trackElement = audio.querySelector('track');
  const track = trackElement && trackElement.track;
  const startOf = new Map();
  let current = null;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

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

  const indexCues = () => {
    if (!track || !track.cues) return;
    for (const cue of Array.from(track.cues)) if (cue.id) startOf.set(cue.id, cue.startTime);
    for (const id of startOf.keys()) {
      const element = document.getElementById(id);
      if (element && element.classList.contains('s')) element.classList.add('seekable');
    }
    const hint = document.querySelector('.readalong-hint');
    if (hint) hint.hidden = false;
  };

  if (track) {
    // Cues load only for a track that is not disabled; "hidden" loads them without drawing anything.
    track.mode = 'hidden';
    track.addEventListener('cuechange', () => {
      const cues = track.activeCues ? Array.from(track.activeCues) : [];
      const cue = cues[cues.length - 1];
      highlight(cue && cue.id ? document.getElementById(cue.id) : null);
    });
    if (track.cues && track.cues.length) indexCues();
    if (trackElement) trackElement.addEventListener('load', indexCues);
  }

  audio.addEventListener('ended', () => highlight(null));

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
})();
