import type { ProviderKind, WireAttachment } from '../providers/provider-types';
import { modelMaker, type ModelMaker } from './model-maker';

export type ImageMime = Extract<WireAttachment, { kind: 'image' }>['mime'];

/** Sizes as vendors write them: "MB" read as 2^20 bytes, the larger reading, so nothing near a limit is refused early. */
export const MB = 1024 * 1024;

export interface ImageRules {
  readonly mimes: readonly ImageMime[];
  /** Per image, in bytes as sent. */
  readonly maxBytes?: number;
  /** Per side, in pixels as sent. */
  readonly maxSide?: number;
  /** A smaller side limit once a request holds more than `over` images. */
  readonly manyImages?: { readonly over: number; readonly maxSide: number };
  readonly maxCount?: number;
}

export interface PdfRules {
  readonly maxBytes?: number;
  /** All PDFs of the request together, in bytes. */
  readonly maxTotalBytes?: number;
  readonly maxPagesPerFile?: number;
  /** All PDFs of the request together. */
  readonly maxPagesPerRequest?: number;
}

/** What a vendor takes (every vendor here takes images); `pdfs: false` where it takes no PDFs. */
export interface AttachmentRules {
  readonly images: ImageRules;
  readonly pdfs: PdfRules | false;
  /** The request body's limit, which files sent as base64 fill four bytes for every three. */
  readonly maxRequestBytes?: number;
}

const ALL_IMAGES: readonly ImageMime[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/**
 * Anthropic, "Vision" (docs.anthropic.com/en/docs/build-with-claude/vision, FAQ): JPEG, PNG, GIF
 * and WebP; at most 5 MB per image on the API; up to 100 images per API request; images larger than
 * 8000×8000 px are rejected, and more than 20 images in one request cap each at 2000×2000 px.
 * "PDF support" (…/build-with-claude/pdf-support): a request of at most 32 MB and 100 pages; the
 * Messages API's request size limit is 32 MB (docs.anthropic.com/en/api/overview, "Request size limits").
 */
const ANTHROPIC: AttachmentRules = {
  images: { mimes: ALL_IMAGES, maxBytes: 5 * MB, maxSide: 8000, manyImages: { over: 20, maxSide: 2000 }, maxCount: 100 },
  pdfs: { maxBytes: 32 * MB, maxPagesPerRequest: 100 },
  maxRequestBytes: 32 * MB,
};

/**
 * OpenAI, "Images and vision", "Image input requirements" (platform.openai.com/docs/guides/images-vision):
 * PNG, JPEG, WEBP and non-animated GIF; up to 50 MB total payload per request and 500 images.
 * "File inputs" (…/guides/pdf-files): up to 100 pages and 32 MB of PDF content per request.
 */
const OPENAI: AttachmentRules = {
  images: { mimes: ALL_IMAGES, maxCount: 500 },
  pdfs: { maxBytes: 32 * MB, maxTotalBytes: 32 * MB, maxPagesPerRequest: 100 },
  maxRequestBytes: 50 * MB,
};

/**
 * Gemini API, "Image understanding" (ai.google.dev/gemini-api/docs/image-understanding): PNG, JPEG,
 * WEBP, HEIC and HEIF (no GIF); inline data keeps the whole request within 20 MB; up to 3,600
 * images per request. "Document understanding" (…/docs/document-processing): PDFs of up to 1,000 pages.
 */
const GEMINI: AttachmentRules = {
  images: { mimes: ['image/png', 'image/jpeg', 'image/webp'], maxCount: 3600 },
  pdfs: { maxPagesPerFile: 1000 },
  maxRequestBytes: 20 * MB,
};

/**
 * xAI, "Image understanding" (docs.x.ai/developers/model-capabilities/images/understanding),
 * "Image input general limits": at most 20 MiB per image, no limit on their number, jpg/jpeg or
 * png only. It documents no PDF input for chat.
 */
const XAI: AttachmentRules = { images: { mimes: ['image/jpeg', 'image/png'], maxBytes: 20 * MB }, pdfs: false };

/**
 * Perplexity, "Media & Attachments" (docs.perplexity.ai/docs/sonar/media): base64 images of at
 * most 50 MB each, PNG, JPEG, WEBP or GIF. PDFs go only by URL there, which a local file has not.
 */
const PERPLEXITY: AttachmentRules = { images: { mimes: ALL_IMAGES, maxBytes: 50 * MB }, pdfs: false };

/**
 * Mistral, "Vision" (docs.mistral.ai/capabilities/vision): PNG, JPEG, WEBP and single-frame GIF in
 * chat; PDFs go to its separate OCR API, not to chat. Its size and count limits are left to its
 * server, whose refusal costs nothing.
 */
const MISTRAL: AttachmentRules = { images: { mimes: ALL_IMAGES }, pdfs: false };

/**
 * Ollama and OpenAI-compatible servers: images in OpenAI's or Ollama's parts, limits set by
 * whoever runs the server (so none here); no documented PDF input.
 */
const SELF_HOSTED: AttachmentRules = { images: { mimes: ALL_IMAGES }, pdfs: false };

/**
 * OpenRouter passes images on to the model's maker, whose limits apply; it takes PDFs for every
 * model, parsing them to text for models without native PDF input
 * (openrouter.ai/docs/features/multimodal/pdfs).
 */
function openRouterRules(maker: ModelMaker): AttachmentRules {
  const upstream = MAKER_RULES[maker];
  return { ...upstream, pdfs: upstream.pdfs === false ? {} : upstream.pdfs };
}

const MAKER_RULES: Readonly<Record<ModelMaker, AttachmentRules>> = {
  openai: OPENAI,
  anthropic: ANTHROPIC,
  google: GEMINI,
  xai: XAI,
  mistral: MISTRAL,
  other: SELF_HOSTED,
};

export function attachmentRules(kind: ProviderKind, model: string): AttachmentRules {
  switch (kind) {
    case 'openai':
      return OPENAI;
    case 'anthropic':
      return ANTHROPIC;
    case 'gemini':
      return GEMINI;
    case 'xai':
      return XAI;
    case 'mistral':
      return MISTRAL;
    case 'perplexity':
      return PERPLEXITY;
    case 'openrouter':
      return openRouterRules(modelMaker(model));
    case 'ollama':
    case 'openai-compatible':
      return SELF_HOSTED;
  }
}
