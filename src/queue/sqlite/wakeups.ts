/**
 * Enqueue wakes idle consumers of the same file in this process at once; consumers in other
 * processes find the job at their next poll.
 */
type Listener = (topic: string) => void;

const listeners = new Map<string, Set<Listener>>();

export function listen(path: string, listener: Listener): () => void {
  let set = listeners.get(path);
  if (!set) listeners.set(path, (set = new Set()));
  set.add(listener);
  const registered = set;
  return () => {
    registered.delete(listener);
    if (registered.size === 0) listeners.delete(path);
  };
}

export function notify(path: string, topic: string): void {
  for (const listener of listeners.get(path) ?? []) listener(topic);
}
