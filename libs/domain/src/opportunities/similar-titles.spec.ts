import { similarByTitle, titleSimilarity } from './similar-titles';

describe('similar titles', () => {
  it('finds the same words in another order, case and punctuation aside', () => {
    expect(titleSimilarity('Slow VPN at the Berlin office', 'VPN slow in Berlin office!')).toBe(1);
    expect(titleSimilarity('Slow VPN', 'Slow printer')).toBe(0.5);
    expect(titleSimilarity('Printer queue stuck', 'Slow VPN at the Berlin office')).toBe(0);
  });

  it('compares Chinese titles by character pairs', () => {
    expect(titleSimilarity('在线客服响应太慢', '客服响应慢')).toBeGreaterThanOrEqual(0.5);
    expect(titleSimilarity('在线客服响应太慢', '打印机卡纸')).toBe(0);
  });

  it('lists the alike candidates, most alike first, and leaves out the rest', () => {
    const candidates = [
      { id: 'a', title: 'Chat answers are slow' },
      { id: 'b', title: 'Slow chat answers in the evening' },
      { id: 'c', title: 'Invoices arrive late' },
    ];
    expect(similarByTitle('Chat answers slow', candidates).map((c) => c.id)).toEqual(['a', 'b']);
    expect(similarByTitle('', candidates)).toEqual([]);
  });
});
