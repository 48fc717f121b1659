import type { TokenCountCache } from '../tokens/token-count-cache';
import { readImageDimensions, type ImageFormat } from './image-dimensions';
import type { ImageSize } from './image-size';
import { estimateImageTokens, type ImageDetail, type ImageRuleVendor } from './image-token-estimate';
import { countPdfPages } from './pdf-page-count';
import { estimatePdfTokens } from './pdf-token-estimate';
import { estimateTextFileTokens } from './text-file-tokens';

export type AttachmentKind = 'image' | 'pdf' | 'text';

/** One attachment's share of the pre-flight; every variant is an estimate until usage arrives. */
export type AttachmentTokenEstimate =
  | {
      readonly kind: 'image';
      readonly format: ImageFormat;
      readonly size: ImageSize;
      readonly sentSize: ImageSize;
      readonly downscaled: boolean;
      readonly tokens: number;
      readonly estimated: true;
    }
  | { readonly kind: 'pdf'; readonly pages: number; readonly tokensPerPage: number; readonly tokens: number; readonly estimated: true }
  | { readonly kind: 'text'; readonly tokens: number; readonly exactTokenizer: boolean; readonly estimated: true };

export interface AttachmentEstimateOptions {
  readonly detail?: ImageDetail;
  readonly cache?: TokenCountCache;
}

/**
 * An attachment's input tokens for `model`, read from its stored bytes. Throws AttachmentReadError
 * when the bytes are not the kind the attachment claims to be.
 */
export function estimateAttachmentTokens(
  vendor: ImageRuleVendor,
  model: string,
  kind: AttachmentKind,
  bytes: Uint8Array,
  options: AttachmentEstimateOptions = {},
): AttachmentTokenEstimate {
  switch (kind) {
    case 'image': {
      const { format, width, height } = readImageDimensions(bytes);
      const size = { width, height };
      return { kind, format, size, ...estimateImageTokens(vendor, model, size, options.detail) };
    }
    case 'pdf':
      return { kind, ...estimatePdfTokens(vendor, model, countPdfPages(bytes)) };
    case 'text':
      return { kind, ...estimateTextFileTokens(model, bytes, options.cache) };
  }
}
