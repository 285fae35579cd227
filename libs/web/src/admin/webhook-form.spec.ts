import { readWebhookForm } from './webhook-form';

describe('webhook form', () => {
  it('reads an https address, its events and a description', () => {
    const read = readWebhookForm({ url: ' https://hooks.example.org/joinedup ', events: ['FLAG_RAISED', 'HEALTH_CHANGED', 'NOPE'], description: 'Our dashboard' });
    expect(read.input).toEqual({ url: 'https://hooks.example.org/joinedup', events: ['FLAG_RAISED', 'HEALTH_CHANGED'], description: 'Our dashboard' });
  });

  it('asks for an https address and at least one event', () => {
    const read = readWebhookForm({ url: 'http://hooks.example.org', description: 'd'.repeat(501) });
    expect(read.errors).toEqual([
      { href: '#url', text: 'Enter the address to send events to starting https://, for example https://example.org/briefing' },
      { href: '#events', text: 'Select at least one event' },
      { href: '#description', text: 'Enter a description in 500 characters or fewer' },
    ]);
    expect(read.values.url).toBe('http://hooks.example.org');
  });
});
