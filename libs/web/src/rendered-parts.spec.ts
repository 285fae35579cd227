import { RenderedParts } from './rendered-parts';

describe('RenderedParts', () => {
  it('renders a part once per key and gives the kept HTML after', () => {
    const parts = new RenderedParts(10);
    const render = jest.fn(() => '<p>a</p>');
    expect(parts.get('k', render)).toBe('<p>a</p>');
    expect(parts.get('k', render)).toBe('<p>a</p>');
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('keeps at most max parts, dropping the least recently used', () => {
    const parts = new RenderedParts(2);
    parts.get('a', () => 'A');
    parts.get('b', () => 'B');
    parts.get('a', () => 'not again');
    parts.get('c', () => 'C');
    expect(parts.size).toBe(2);
    expect(parts.get('a', () => 'A again')).toBe('A');
    expect(parts.get('b', () => 'B again')).toBe('B again');
  });

  it('keeps nothing with max 0', () => {
    const parts = new RenderedParts(0);
    parts.get('a', () => 'A');
    expect(parts.size).toBe(0);
    expect(parts.get('a', () => 'A2')).toBe('A2');
  });
});
