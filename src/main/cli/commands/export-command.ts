import { parseArgs } from 'node:util';
import { CONVERSATION_EXPORT_FORMATS, type ConversationExportFormat } from '../../../shared/contract/chat-contract';
import { CliUsageError, EXIT, type CliCommand } from '../cli-io';
import { refusalsAsUsage, withCore } from '../with-core';

const USAGE = 'tallychat export CONVERSATION_ID [--format md|json] [--data-dir DIR]';

function isFormat(text: string): text is ConversationExportFormat {
  return (CONVERSATION_EXPORT_FORMATS as readonly string[]).includes(text);
}

/**
 * Its own command rather than a `report` flag: a report sums the ledger over a period, while
 * this prints one conversation's text with each answer's figures; the output goes to stdout for
 * a redirect, as the window's export saves the same text to a file.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Print one conversation as Markdown or JSON, with each answer's model, tokens and cost",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'md' },
        'data-dir': { type: 'string' },
      },
    });
    const [id, ...extra] = positionals;
    if (!id) throw new CliUsageError('give the id of the conversation to export (`tallychat report --group-by conversation` lists them)');
    if (extra.length > 0) throw new CliUsageError(`export takes one conversation id, not ${positionals.length}`);
    const format = values.format;
    if (!isFormat(format)) throw new CliUsageError(`--format takes ${CONVERSATION_EXPORT_FORMATS.join(' or ')}, not "${format}"`);
    return withCore(values['data-dir'], io, (core) => {
      io.stdout(refusalsAsUsage(() => core.services.conversationExports.render(id, format)).text);
      return EXIT.ok;
    });
  },
};
