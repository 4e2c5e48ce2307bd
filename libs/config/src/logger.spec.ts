import { PassThrough } from 'node:stream';
import { createLogger } from './logger';

function capture(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream, written: () => written };
}

describe('createLogger', () => {
  it('writes readable, uncoloured lines naming the component when pretty and not on a terminal', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', logFormat: 'pretty' }, 'worker', {
      destination: out.stream,
    });
    logger.info({ taskQueue: 'continual-improvement' }, 'worker polling');
    logger.debug('below the level');
    expect(out.written()).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(worker\): worker polling \{"taskQueue":"continual-improvement"\}\n$/,
    );
    expect(out.written()).not.toContain('\u001b[');
  });

  it('colours the pretty lines on a terminal', () => {
    const out = capture(true);
    createLogger({ logLevel: 'info', logFormat: 'pretty' }, 'gateway', { destination: out.stream }).warn(
      'slow',
    );
    expect(out.written()).toContain('\u001b[');
    expect(out.written()).toContain('slow');
  });

  it('writes one JSON object a line, with the component, when json', () => {
    const out = capture(true);
    const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, 'system', {
      destination: out.stream,
    });
    logger.info({ applied: ['Initial'] }, 'register migrated');
    const lines = out.written().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual(
      expect.objectContaining({
        level: 30,
        component: 'system',
        applied: ['Initial'],
        msg: 'register migrated',
      }),
    );
  });

  it('lets a hook demote a framework message', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, 'gateway', {
      destination: out.stream,
      hooks: {
        logMethod(args, method, level) {
          if (level === 30 && String(args[1]).startsWith('Mapped')) return;
          method.apply(this, args);
        },
      },
    });
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/health, GET} route');
    logger.info('gateway listening');
    expect(out.written()).not.toContain('Mapped');
    expect(out.written()).toContain('gateway listening');
  });
});
