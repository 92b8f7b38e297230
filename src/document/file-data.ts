import type { VFile } from 'vfile';
import type { ArticleMetadata } from './types.js';

declare module 'vfile' {
  interface DataMap {
    /** The article's metadata, completed by the document pipeline's steps as they run. */
    meta: ArticleMetadata;
  }
}

/** The metadata the pipeline is completing; a step that needs it runs only inside the pipeline. */
export function metaOf(file: VFile): ArticleMetadata {
  const meta = file.data.meta;
  if (!meta) throw new Error('the document pipeline sets file.data.meta before its steps run');
  return meta;
}
