import { describe, expect, it } from 'vitest';
import { readServerSentEvents, ServerSentEventParser } from './sse';

describe('ServerSentEventParser', () => {
  it('returns events once their blank line has arrived, wherever the chunks are cut', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: progr')).toEqual([]);
    expect(parser.push('ess\ndata: {"stage":')).toEqual([]);
    expect(parser.push('"llm"}\n')).toEqual([]);
    expect(parser.push('\nevent: result\ndata: 1\n\n')).toEqual([
      { event: 'progress', data: '{"stage":"llm"}' },
      { event: 'result', data: '1' },
    ]);
  });

  it('joins data lines, ignores comments and unknown fields, defaults the name to message', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push(': keep-alive\nid: 3\ndata: a\ndata:b\nretry: 10\n\n')).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('accepts CRLF and CR line ends, including a CRLF cut between two chunks', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: x\r\ndata: 1\r')).toEqual([]);
    expect(parser.push('\n\r\nevent: y\rdata: 2\r\r')).toEqual([{ event: 'x', data: '1' }]);
    // The last `\r` may still be followed by `\n`: the event is complete at the end of the stream.
    expect(parser.end()).toEqual([{ event: 'y', data: '2' }]);
  });

  it('drops an event without data and an unterminated event at the end', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: empty\n\nevent: cut\ndata: 1')).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe('readServerSentEvents', () => {
  it('decodes UTF-8 split inside a character', async () => {
    const bytes = new TextEncoder().encode('data: « Été »\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readServerSentEvents(body)) events.push(event);
    expect(events).toEqual([{ event: 'message', data: '« Été »' }]);
  });
});
