-- wrk script: POST an audit EventList of EVENTS events (default 100) per request, as the
-- kube-apiserver's batching webhook does. Every event has a fresh auditID (so the processor
-- does the full work, no deduplication shortcut); one event in a hundred is a pods/exec
-- into its own pod (raises its own alert), the rest are benign reads by service accounts.
-- Environment: TOKEN (bearer), EVENTS (per body), DELAY_MS (pause per request per connection:
-- a fixed offered rate of connections*1000/DELAY_MS requests/s).
local events = tonumber(os.getenv("EVENTS") or "100")
local token = os.getenv("TOKEN") or ""
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local counter = 0
local thread_id = 0

local read_event = '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",'
  .. '"auditID":"%s","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop/pods?limit=500",'
  .. '"verb":"list","user":{"username":"system:serviceaccount:shop:cart","groups":["system:serviceaccounts"]},'
  .. '"sourceIPs":["10.244.1.17"],"userAgent":"cart/1.4 (linux/amd64) kubernetes/client-go",'
  .. '"objectRef":{"resource":"pods","namespace":"shop","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},'
  .. '"requestReceivedTimestamp":"%s","stageTimestamp":"%s",'
  .. '"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by RoleBinding \\"cart\\""}}'
local exec_event = '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request",'
  .. '"auditID":"%s","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/shop/pods/%s/exec?command=sh&stdin=true&tty=true",'
  .. '"verb":"create","user":{"username":"alice@example.com","groups":["devs"]},'
  .. '"sourceIPs":["203.0.113.7"],"userAgent":"kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b",'
  .. '"objectRef":{"resource":"pods","namespace":"shop","name":"%s","subresource":"exec","apiVersion":"v1"},'
  .. '"responseStatus":{"metadata":{},"code":101},"requestReceivedTimestamp":"%s","stageTimestamp":"%s"}'

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0))
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
end

function delay()
  return delay_ms
end

function request()
  local now = os.date("!%Y-%m-%dT%H:%M:%S.000000Z")
  local items = {}
  for i = 1, events do
    counter = counter + 1
    local id = string.format("%s-%04x-4000-8000-%012x", prefix, tid or 0, counter)
    if counter % 100 == 0 then
      local pod = string.format("cart-%d-%d", tid or 0, counter)
      items[i] = string.format(exec_event, id, pod, pod, now, now)
    else
      items[i] = string.format(read_event, id, now, now)
    end
  end
  local body = '{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":['
    .. table.concat(items, ",") .. ']}'
  local headers = { ["Content-Type"] = "application/json" }
  if token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", "/k8s-audit", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
