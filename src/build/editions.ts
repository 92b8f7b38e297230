import type { Edition, EditionDescriptor } from '../formats/edition.js';
import { EDITIONS } from '../formats/registry.js';

/** The ids of every registered edition, in the registry's order. */
export const ALL_FORMATS: string[] = EDITIONS.map((edition) => edition.id);

export function descriptorOf(id: string): EditionDescriptor {
  const found = EDITIONS.find((edition) => edition.id === id);
  if (!found) throw new Error(`unknown edition "${id}"; expected one of ${ALL_FORMATS.join(', ')}`);
  return found;
}

/** The editions asked for plus those they require, in the registry's order. */
export function withRequirements(formats: Iterable<string>): string[] {
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const required of descriptorOf(id).requires ?? []) add(required);
  };
  for (const id of formats) add(id);
  return ALL_FORMATS.filter((id) => wanted.has(id));
}

/** Whether `edition` must wait for `other` when both are built. */
function comesAfter(edition: EditionDescriptor, other: EditionDescriptor): boolean {
  if (edition.after.includes(other.id)) return true;
  // '*': after every edition that is not itself an '*' edition.
  return edition.after.includes('*') && !other.after.includes('*');
}

/**
 * The editions in stages: the editions of a stage run side by side, and each
 * stage sees what the stages before it wrote and handed on.
 */
export function stagesOf(formats: Iterable<string>): EditionDescriptor[][] {
  let left = withRequirements(formats).map(descriptorOf);
  const stages: EditionDescriptor[][] = [];
  while (left.length) {
    const ready = left.filter((edition) => !left.some((other) => other !== edition && comesAfter(edition, other)));
    if (!ready.length) throw new Error(`the editions ${left.map((e) => e.id).join(', ')} wait for each other`);
    stages.push(ready);
    left = left.filter((edition) => !ready.includes(edition));
  }
  return stages;
}

/** Loads the editions of each stage. */
export async function loadStages(formats: Iterable<string>): Promise<Edition[][]> {
  return Promise.all(stagesOf(formats).map((stage) => Promise.all(stage.map((edition) => edition.load()))));
}

/** Whether any of these editions lays out in the run's browser. */
export function needsBrowser(formats: Iterable<string>): boolean {
  return withRequirements(formats).some((id) => descriptorOf(id).needs.includes('browser'));
}
