import { writeFile } from 'node:fs/promises';
import { AppError } from '../../../shared/contract/ipc-result';
import type { ConversationExportFormat, ConversationExportSaved } from '../../../shared/contract/chat-contract';
import { renderConversationExport, type ConversationExport } from './conversation-export';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { ConversationStore } from './conversation-store';
import { messageViews, toConversationView } from './conversation-views';

/** A conversation as a Markdown or JSON file: the window downloads or saves it, the CLI prints it. */
export class ConversationExports {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly attachments: Pick<AttachmentStore, 'forConversation'>,
    private readonly providerName: (id: string) => string,
  ) {}

  render(id: string, format: ConversationExportFormat): ConversationExport {
    const summary = this.conversations.get(id);
    if (!summary) throw new AppError('not_found', `No conversation ${id}.`);
    return renderConversationExport(
      { conversation: toConversationView(summary), messages: messageViews(this.conversations.thread(id), this.providerName, this.attachments.forConversation(id)) },
      format,
    );
  }

  /** Desktop: the host's save dialog picks the file; the core writes it. */
  async save(id: string, format: ConversationExportFormat, chooseFile: (suggestedName: string) => Promise<string | undefined>): Promise<ConversationExportSaved> {
    const exported = this.render(id, format);
    const file = await chooseFile(exported.fileName);
    if (file === undefined) return { status: 'cancelled' };
    try {
      await writeFile(file, exported.text, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string') throw new AppError('invalid_request', `Tallychat could not write ${file} (${code}): choose another folder or name.`);
      throw error;
    }
    return { status: 'saved', file };
  }
}
