import type { AttachmentKind } from '../../../shared/attachments';
import type { ProviderKind } from '../providers/provider-types';
import { attachmentRules, MB, type AttachmentRules, type ImageRules, type PdfRules } from './attachment-rules';
import type { ImageSize } from './image-size';
import { modelMaker, type ModelMaker } from './model-maker';
import { takesImages } from './text-only-models';

/** A file as the request will carry it: images after downscaling, so bytes and size are what is sent. */
export interface AttachmentFacts {
  readonly name: string;
  readonly kind: AttachmentKind;
  readonly mime: string;
  readonly bytes: number;
  /** Images. */
  readonly size?: ImageSize;
  /** PDFs. */
  readonly pages?: number;
}

/**
 * The first reason the provider would refuse these files, as a sentence naming the file, the
 * vendor and its limit; null when it takes them all. `files` are all the files the request
 * carries: earlier messages' files are sent again with every turn, and count toward the limits.
 */
export function checkAttachments(providerName: string, kind: ProviderKind, model: string, files: readonly AttachmentFacts[]): string | null {
  const rules = attachmentRules(kind, model);
  const vendor = vendorName(providerName, kind, model);
  for (const file of files) {
    const refusal = file.kind === 'image' ? checkImage(vendor, model, rules.images, file) : file.kind === 'pdf' ? checkPdf(vendor, kind, model, rules, file) : null;
    if (refusal) return refusal;
  }
  return checkImageCount(vendor, rules.images, files) ?? checkPdfTotals(vendor, rules.pdfs, files) ?? checkRequestSize(vendor, rules, files);
}

function checkImage(vendor: string, model: string, rules: ImageRules, file: AttachmentFacts): string | null {
  if (!takesImages(model)) return `${model} does not take images; choose a model that does.`;
  if (!(rules.mimes as readonly string[]).includes(file.mime)) {
    return `${vendor} does not take ${imageFormatName(file.mime)} images ("${file.name}"); attach ${alternatives(rules.mimes.map(imageFormatName))}.`;
  }
  if (rules.maxBytes !== undefined && file.bytes > rules.maxBytes) {
    return `"${file.name}" is ${megabytes(file.bytes)}; ${vendor} takes images up to ${limit(rules.maxBytes)}.`;
  }
  if (rules.maxSide !== undefined && file.size && Math.max(file.size.width, file.size.height) > rules.maxSide) {
    return `"${file.name}" is ${pixels(file.size)} pixels; ${vendor} takes images up to ${rules.maxSide}×${rules.maxSide}.`;
  }
  return null;
}

function checkPdf(vendor: string, kind: ProviderKind, model: string, rules: AttachmentRules, file: AttachmentFacts): string | null {
  const pdfs = rules.pdfs;
  if (pdfs === false) {
    return `${vendor} does not take PDFs ("${file.name}"); choose an Anthropic, Gemini, OpenAI or OpenRouter model, or attach the document's text as a text file.`;
  }
  // OpenRouter reads a PDF to text for a model that cannot see it; elsewhere PDF pages go in as images.
  if (kind !== 'openrouter' && !takesImages(model)) return `${model} does not take PDFs; choose a model that does.`;
  if (pdfs.maxBytes !== undefined && file.bytes > pdfs.maxBytes) {
    return `"${file.name}" is ${megabytes(file.bytes)}; ${vendor} takes PDFs up to ${limit(pdfs.maxBytes)}.`;
  }
  if (pdfs.maxPagesPerFile !== undefined && file.pages !== undefined && file.pages > pdfs.maxPagesPerFile) {
    return `"${file.name}" has ${count(file.pages)} pages; ${vendor} takes PDFs of up to ${count(pdfs.maxPagesPerFile)} pages.`;
  }
  return null;
}

function checkImageCount(vendor: string, rules: ImageRules, files: readonly AttachmentFacts[]): string | null {
  const images = files.filter((file) => file.kind === 'image');
  if (rules.maxCount !== undefined && images.length > rules.maxCount) {
    return `${vendor} takes at most ${count(rules.maxCount)} images per request; this request has ${count(images.length)}.`;
  }
  const many = rules.manyImages;
  if (many && images.length > many.over) {
    const large = images.find((file) => file.size && Math.max(file.size.width, file.size.height) > many.maxSide);
    if (large?.size) {
      return `"${large.name}" is ${pixels(large.size)} pixels; ${vendor} takes images up to ${many.maxSide}×${many.maxSide} when a request has more than ${many.over}, and this one has ${images.length}.`;
    }
  }
  return null;
}

function checkPdfTotals(vendor: string, rules: PdfRules | false, files: readonly AttachmentFacts[]): string | null {
  if (rules === false) return null;
  const pdfs = files.filter((file) => file.kind === 'pdf');
  const pages = pdfs.reduce((sum, file) => sum + (file.pages ?? 0), 0);
  if (rules.maxPagesPerRequest !== undefined && pages > rules.maxPagesPerRequest) {
    return `${vendor} takes at most ${count(rules.maxPagesPerRequest)} PDF pages per request; this request has ${count(pages)}.`;
  }
  const bytes = pdfs.reduce((sum, file) => sum + file.bytes, 0);
  if (rules.maxTotalBytes !== undefined && bytes > rules.maxTotalBytes) {
    return `${vendor} takes at most ${limit(rules.maxTotalBytes)} of PDFs per request; this request has ${megabytes(bytes)}.`;
  }
  return null;
}

/** Images and PDFs travel as base64 (four bytes for every three), text files as their text. */
function checkRequestSize(vendor: string, rules: AttachmentRules, files: readonly AttachmentFacts[]): string | null {
  if (rules.maxRequestBytes === undefined) return null;
  const sent = files.reduce((sum, file) => sum + (file.kind === 'text' ? file.bytes : Math.ceil(file.bytes / 3) * 4), 0);
  if (sent <= rules.maxRequestBytes) return null;
  return `${vendor} takes at most ${limit(rules.maxRequestBytes)} of files per request; this request has ${megabytes(sent)} once encoded.`;
}

const MAKER_NAMES: Readonly<Record<Exclude<ModelMaker, 'other'>, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  xai: 'xAI',
  mistral: 'Mistral',
};

/** A router's limits are its upstream's: say whose they are. */
function vendorName(providerName: string, kind: ProviderKind, model: string): string {
  if (kind !== 'openrouter') return providerName;
  const maker = modelMaker(model);
  return maker === 'other' ? providerName : `${providerName} (for ${MAKER_NAMES[maker]} models)`;
}

const IMAGE_FORMAT_NAMES: Readonly<Record<string, string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

function imageFormatName(mime: string): string {
  return IMAGE_FORMAT_NAMES[mime] ?? mime;
}

function alternatives(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

function limit(bytes: number): string {
  return `${bytes / MB} MB`;
}

function pixels(size: ImageSize): string {
  return `${size.width}×${size.height}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
