import { call } from '../../api/tallychat-client';
import type { AttachmentCore } from './staged-attachments-store';

/** The composer's files go to the core through the window's contract client. */
export const attachmentCore: AttachmentCore = {
  stage: (request) => call('attachmentStage', request),
  discard: (id) => call('attachmentDiscard', { id }),
};
