// Collects a command's output within a fixed budget: the first half and the last half of the
// allowed characters are kept, the middle is dropped with a note saying how much. Memory
// stays bounded however much a command prints.
export class CappedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;
  private readonly half: number;

  constructor(capChars: number) {
    this.half = Math.max(1, Math.floor(capChars / 2));
  }

  push(chunk: string): void {
    if (this.head.length < this.half) {
      const room = this.half - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
      if (chunk.length === 0) return;
    }
    this.tail += chunk;
    if (this.tail.length > this.half) {
      const excess = this.tail.length - this.half;
      this.dropped += excess;
      this.tail = this.tail.slice(excess);
    }
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  text(): string {
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}\n\n[... ${this.dropped} characters of output truncated ...]\n\n${this.tail}`;
  }
}
