/**
 * Copy to the clipboard, with a visible confirmation beside the button and a status message for
 * screen readers. The asynchronous Clipboard API needs a secure context (https, or localhost);
 * elsewhere the text is selected and copied the old way, or left selected for Ctrl+C.
 */

export interface CopyWords {
  copiedStatus: (what: string) => string;
  selectedStatus: string;
}

/** Where the page announces what was copied (a polite live region, visually hidden). */
export function statusRegion(): HTMLElement {
  let status = document.getElementById('copy-status');
  if (!status) {
    status = document.createElement('p');
    status.id = 'copy-status';
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  return status;
}

const timers = new WeakMap<HTMLElement, number>();

/**
 * Copies `source`'s text. `button` gets `data-copied` for a few seconds (the page's CSS then shows
 * the "Copied" beside it); `what` names the snippet in the status message.
 */
export async function copyFrom(source: HTMLElement, button: HTMLElement, what: string, words: CopyWords): Promise<void> {
  const text = source.textContent ?? '';
  const status = statusRegion();
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    select(source);
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  // Cleared first, so that copying the same snippet twice is announced twice.
  status.textContent = '';
  requestAnimationFrame(() => (status.textContent = copied ? words.copiedStatus(what) : words.selectedStatus));
  if (!copied) return;
  button.dataset['copied'] = '';
  clearTimeout(timers.get(button));
  timers.set(button, window.setTimeout(() => delete button.dataset['copied'], 4000));
}

function select(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  selection.removeAllRanges();
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.addRange(range);
}
