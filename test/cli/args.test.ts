import { parseArgs, UsageError } from '../../lib/cli/args';
import { styleFor } from '../../lib/cli/io';

const SPECS = [
  { name: 'config', short: 'c', kind: 'string' as const, description: '' },
  { name: 'pod-cidrs', kind: 'list' as const, description: '' },
  { name: 'node-mask-ipv6', kind: 'integer' as const, description: '' },
  { name: 'format', kind: 'string' as const, description: '', choices: ['table', 'json'] },
  { name: 'list', kind: 'boolean' as const, description: '' },
];

describe('parseArgs', () => {
  test('reads --name value, --name=value, -c value, booleans and positionals', () => {
    expect(parseArgs(['a', '--config', 'x.yaml', '--pod-cidrs=10.0.0.0/8, fd00::/56', '--node-mask-ipv6', '80', '--list', 'b'], SPECS)).toEqual({
      options: { config: 'x.yaml', 'pod-cidrs': ['10.0.0.0/8', 'fd00::/56'], 'node-mask-ipv6': 80, list: true },
      positionals: ['a', 'b'],
    });
    expect(parseArgs(['-c', 'y.yaml'], SPECS).options.config).toBe('y.yaml');
  });

  test('-- ends the options', () => {
    expect(parseArgs(['--', '--list'], SPECS).positionals).toEqual(['--list']);
  });

  test.each([
    [['--nope'], 'unknown option "--nope"'],
    [['--config'], 'option --config needs a value'],
    [['--config', '--list'], 'option --config needs a value'],
    [['--node-mask-ipv6', '6x'], 'takes a whole number'],
    [['--format', 'xml'], 'takes one of table, json'],
    [['--list=yes'], 'takes no value'],
    [['--pod-cidrs', ','], 'comma-separated list'],
  ])('fails on %j', (argv, message) => {
    expect(() => parseArgs(argv, SPECS)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPECS)).toThrow(message);
  });
});

describe('styleFor', () => {
  test.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '1', NO_COLOR: 'x' }, false],
  ])('tty %s env %j → colour %s', (isTTY, env, enabled) => {
    expect(styleFor({ isTTY, env }).enabled).toBe(enabled);
    expect(styleFor({ isTTY, env }).red('x') === 'x').toBe(!enabled);
  });
});
