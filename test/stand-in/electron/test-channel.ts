import type { FromMain, MainAnswers, MainQuestion, ToMain, UserAction } from '../protocol';

/** Main's end of the wire to the test process that plays Chromium. */

type QuestionHandler<T extends MainQuestion['type']> = (question: Extract<MainQuestion, { type: T }>) => Promise<MainAnswers[T]> | MainAnswers[T];

const questionHandlers = new Map<string, (question: MainQuestion) => Promise<unknown> | unknown>();
const actionHandlers = new Map<string, (action: UserAction) => void>();

export function toTest(message: FromMain): void {
  if (!process.send) throw new Error('The Electron stand-in runs only as a child process of its test harness.');
  process.send(message);
}

export function answerQuestions<T extends MainQuestion['type']>(type: T, handler: QuestionHandler<T>): void {
  questionHandlers.set(type, handler as (question: MainQuestion) => Promise<unknown>);
}

export function onUserAction<T extends UserAction['type']>(type: T, handler: (action: Extract<UserAction, { type: T }>) => void): void {
  actionHandlers.set(type, handler as (action: UserAction) => void);
}

process.on('message', (message: ToMain) => {
  if ('id' in message) {
    const handler = questionHandlers.get(message.type);
    if (!handler) throw new Error(`stand-in: no handler for ${message.type}`);
    void Promise.resolve(handler(message)).then((value) => toTest({ type: 'reply', id: message.id, value }));
    return;
  }
  actionHandlers.get(message.type)?.(message);
});
