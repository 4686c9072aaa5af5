// What other webhook tools call a block's settings, so `body { … }` suggests `data` although
// no edit distance would. Keys as `synonymKey` writes them (`content_type` → `contenttype`); a
// synonym is offered only where the block has that setting.

export const settingSynonyms: Readonly<Record<string, string>> = {
  body: 'data', payload: 'data', json: 'data', form: 'data', fields: 'data', params: 'data', parameters: 'data', query: 'data',
  endpoint: 'url', uri: 'url', href: 'url', webhook: 'url', webhookurl: 'url', address: 'url',
  verb: 'method', httpmethod: 'method',
  contenttype: 'content', type: 'content', encoding: 'content', format: 'content',
  header: 'headers',
  message: 'messages', text: 'messages',
  disabled: 'enabled', enable: 'enabled', active: 'enabled',
  retries: 'retry', backoff: 'retry',
  signature: 'sign', signing: 'sign', hmac: 'sign',
  debounce: 'cooldown', throttle: 'cooldown',
  camera: 'snapshot', image: 'snapshot', webcam: 'snapshot',
  token: 'oauth', auth: 'oauth',
  apisecret: 'secret', deviceidentifier: 'device',
};
