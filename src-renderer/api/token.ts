// The dashboard URL carries the access token once (?token=…). It moves to this tab's
// sessionStorage and leaves the address bar, so it is not bookmarked, shared or shown on screen.
const STORAGE_KEY = 'signal-claude.token';

export function takeToken(location: Location, storage: Storage, history: History): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY) ?? undefined;
}
