import type { Locator, Page } from 'playwright-core';

// Selectors for the VS Code workbench DOM (1.100), kept in one place because they are the part of
// the UI tests most likely to change with a VS Code update.

/** Waiting for the workbench includes loading extensions, which is slow on a cold code-server. */
export const WORKBENCH_TIMEOUT_MS = 60_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
}

/** Clicks a view container's activity bar icon (contributed icons appear once extensions load). */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const icon = page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`);
  await icon.waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
  const heading = page.locator('.part.sidebar .composite.title h2', { hasText: new RegExp(`^${title}$`, 'i') });
  // Clicking the icon of the container already shown would close the side bar; a freshly loaded
  // workbench may still be restoring it, so give it a moment to appear first.
  const shown = await heading.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false);
  if (!shown) await icon.click();
  await heading.waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
}

/** A view's pane in the side bar, expanded. */
export async function sideBarPane(page: Page, viewName: string): Promise<Locator> {
  const headerSelector = `.pane-header[aria-label^="${viewName} "]`;
  const header = page.locator(`.part.sidebar ${headerSelector}`);
  await header.waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  // `has` matches relative to each .pane, so the header selector must not repeat the ancestors.
  return page.locator('.part.sidebar .pane', { has: page.locator(headerSelector) });
}

/** 0 when row lies wholly inside list's box, else how far to scroll (pixels, negative is up). */
async function offsetFromView(row: Locator, list: Locator): Promise<number | undefined> {
  const [r, l] = await Promise.all([row.boundingBox(), list.boundingBox()]);
  if (!r || !l) return undefined;
  if (r.y < l.y) return r.y - l.y;
  if (r.y + r.height > l.y + l.height) return r.y + r.height - (l.y + l.height);
  return 0;
}

/** A row whose text holds `text`, or with `exact`, whose label is `text` (so "Files" does not match a container "my-files"). */
export function treeItem(pane: Locator, text: string, exact = false): Locator {
  if (!exact) return pane.getByRole('treeitem').filter({ hasText: text });
  const label = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return pane.getByRole('treeitem').filter({ has: pane.page().locator('.label-name', { hasText: label }) });
}

/**
 * Waits for a row and scrolls it into view. Trees render only the rows in view, and a busy engine
 * fills the Containers view, so the row may exist off-screen: scroll down a step at a time, and
 * from the bottom back to the top in case the row arrives late.
 */
export async function revealTreeItem(page: Page, pane: Locator, text: string, timeoutMs: number, options: { exact?: boolean } = {}): Promise<Locator> {
  const row = treeItem(pane, text, options.exact).first();
  const rows = pane.getByRole('treeitem');
  const deadline = Date.now() + timeoutMs;
  const list = pane.locator('.monaco-list').first();
  let previousLastIndex = -1;
  let scrolledDown = false;
  for (;;) {
    // Rendered is not enough: the list renders a row beyond each edge, clipped from view.
    const offset = (await row.count()) > 0 ? await offsetFromView(row, list) : undefined;
    if (offset === 0) return row;
    if (Date.now() > deadline) {
      const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '').join(' | '));
      throw new Error(`no row "${text}" appeared within ${timeoutMs / 1000}s; rows in view: ${shown || 'none'}`);
    }
    // At the end when a step down showed no new row (aria-setsize counts one tree level only).
    const lastIndex: number = await rows.evaluateAll((els) => Math.max(-1, ...els.map((el) => Number(el.getAttribute('data-index') ?? -1))));
    const atEnd: boolean = scrolledDown && lastIndex === previousLastIndex;
    previousLastIndex = lastIndex;
    scrolledDown = offset === undefined && !atEnd;
    // The wheel goes to what is under the pointer: near the list's corner, a row's tooltip (shown
    // below the pointer) cannot be there instead.
    const box = await list.boundingBox();
    if (box) await page.mouse.move(box.x + 8, box.y + 8);
    if (atEnd) {
      // Back to the top in steps the list takes (one huge wheel delta is dropped).
      for (let i = 0; i < 50; i++) {
        const first = await rows.evaluateAll((els) => Math.min(...els.map((el) => Number(el.getAttribute('data-index') ?? 0))));
        if (first <= 0) break;
        await page.mouse.wheel(0, -2_000);
        await page.waitForTimeout(50);
      }
    } else {
      await page.mouse.wheel(0, offset ?? 120);
    }
    await page.waitForTimeout(250);
  }
}

/**
 * Readies the workbench for a screenshot: moves the pointer off the activity bar so its hover does
 * not cover the view, and lets side bar progress bars finish. Best effort: a screenshot taken a
 * moment early is still useful, so neither wait fails the test.
 */
export async function settleForScreenshot(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.mouse.move((size?.width ?? 1400) - 200, (size?.height ?? 860) - 200);
  await page.keyboard.press('Escape');
  const settled = { state: 'hidden', timeout: 5_000 } as const;
  await page.locator('.workbench-hover-container').first().waitFor(settled).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.part.sidebar .monaco-progress-container.active'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * Right-clicks a tree row and chooses a menu item. Waits for the view to finish redrawing first: a
 * redraw between the right-click and the choice replaces the node the menu was opened on.
 */
export async function chooseFromContextMenu(page: Page, row: Locator, label: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.part.sidebar .monaco-progress-container.active'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForTimeout(500);
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  await item.click();
  // Now and then the menu takes the click as a hover only and stays open with the item highlighted;
  // Enter then runs the highlighted item, as a keyboard user would.
  const menu = page.locator('.context-view .monaco-menu');
  const closed = await menu.waitFor({ state: 'hidden', timeout: 1_000 }).then(() => true, () => false);
  if (!closed) {
    await item.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: timeoutMs });
  }
}

/** Runs a command from the command palette by its title. */
export async function runFromPalette(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/**
 * Answers the quick input that shows `prompt` (its title or prompt text): types `value` over what it
 * offers, if given, and accepts. Fails with the widget's text when it does not take the answer.
 */
export async function answerInput(page: Page, prompt: string, value?: string, timeoutMs = 30_000): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: prompt });
  await widget.waitFor({ state: 'visible', timeout: timeoutMs });
  const input = widget.locator('.quick-input-box input').first();
  if (value !== undefined) await input.fill(value);
  const asked = await widget.innerText();
  await input.press('Enter');
  // The box closes, or moves on to the next question (the same widget, another text), when it takes
  // the answer; a validation message keeps it as it was.
  const deadline = Date.now() + 5_000;
  for (;;) {
    const now = (await widget.isVisible()) ? await widget.innerText().catch(() => '') : '';
    if (now !== asked) return;
    if (Date.now() > deadline) throw new Error(`the input "${prompt}" did not take ${value === undefined ? 'Enter' : `"${value}"`}: ${now}`);
    await page.waitForTimeout(100);
  }
}

/** Waits for a notification toast containing `text`. */
export async function notification(page: Page, text: string, timeoutMs = 60_000): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/** Collapses side bar panes, to give the others room in a screenshot. */
export async function collapsePanes(page: Page, viewNames: string[]): Promise<void> {
  for (const name of viewNames) {
    const header = page.locator(`.part.sidebar .pane-header[aria-label^="${name} "]`);
    if ((await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
}

/** Log In to Registry... from the palette, answering its three questions; waits for the success toast. */
export async function logInFromPalette(page: Page, server: string, user: string, password: string): Promise<void> {
  await runFromPalette(page, 'Berth: Log In to Registry...');
  await answerInput(page, 'Registry (Docker Hub: docker.io)', server);
  await answerInput(page, 'User name', user);
  await answerInput(page, 'Password or access token', password);
  await notification(page, `Logged in to ${server}`);
}

/**
 * Expands Registries → `registry` → `repository` until the `tag` row shows its details (a platform);
 * returns the tag row. The registry's own row may have scrolled out of view (and out of the DOM) by
 * then: find it again with revealTreeItem.
 */
export async function revealRegistryTag(page: Page, registry: string, repository: string, tag: string, timeoutMs = 30_000): Promise<Locator> {
  const pane = await sideBarPane(page, 'Registries');
  const registryRow = await revealTreeItem(page, pane, registry, timeoutMs);
  if ((await registryRow.getAttribute('aria-expanded')) !== 'true') await registryRow.click();
  await (await revealTreeItem(page, pane, repository, timeoutMs)).click();
  const tagRow = await revealTreeItem(page, pane, tag, timeoutMs);
  // Details arrive after the row: size, age, platform and the short digest.
  await pane.getByRole('treeitem').filter({ hasText: 'linux/' }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return tagRow;
}
