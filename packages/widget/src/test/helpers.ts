import { fixture, html, waitUntil } from '@open-wc/testing'
import type { AvatarAdam } from '../avatar-adam.ts'
import type { AvatarAdamPanel } from '../avatar-adam-panel.ts'
import { type FakeClient, fakeFactory } from './fake-client.ts'

/** An opened `<avatar-adam>` talking to a fake client. */
export async function openWidget(
  setup: (client: FakeClient) => void = () => {},
  key = 'pk_test_widget',
): Promise<{ element: AvatarAdam; panel: AvatarAdamPanel; client: FakeClient; root: ShadowRoot }> {
  const element = await fixture<AvatarAdam>(html`<avatar-adam key=${key}></avatar-adam>`)
  const factory = fakeFactory()
  setup(factory.client)
  element.clientFactory = factory
  element.open = true
  const panel = await element.preload()
  await waitUntil(() => !panel.hidden, 'the panel opens')
  await panel.updateComplete
  return { element, panel, client: factory.client, root: panel.shadowRoot! }
}

/** Waits for the panel to show what a test expects. */
export async function until(panel: AvatarAdamPanel, check: () => unknown, message: string) {
  await waitUntil(async () => {
    await panel.updateComplete
    return Boolean(check())
  }, message)
}

export function text(root: ParentNode, selector: string): string {
  return root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
}
