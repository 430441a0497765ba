-- wrk script of scripts/load_test.py: cycle through a file of request paths, one per line, count the
-- answers by status class in every thread, and print one machine-readable result line at the end.
--
--   wrk -t2 -c16 -d60s -s scripts/load_test.lua http://127.0.0.1:PORT -- paths.txt
--
-- Each thread starts at a different place in the list, so the connections do not all ask the same
-- thing at the same moment (which would flatter any cache).

local threads = {}

function setup(thread)
    thread:set("thread_number", #threads)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if #line > 0 then
            table.insert(paths, line)
        end
    end
    if #paths == 0 then
        error("no request paths in " .. tostring(args[1]))
    end
    position = (thread_number * 7919) % #paths
    status_1xx, status_2xx, status_3xx, status_4xx, status_5xx, status_other = 0, 0, 0, 0, 0, 0
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    if status >= 500 and status < 600 then
        status_5xx = status_5xx + 1
    elseif status >= 400 then
        status_4xx = status_4xx + 1
    elseif status >= 300 then
        status_3xx = status_3xx + 1
    elseif status >= 200 then
        status_2xx = status_2xx + 1
    elseif status >= 100 then
        status_1xx = status_1xx + 1
    else
        status_other = status_other + 1
    end
end

function done(summary, latency, requests)
    local classes = { "1xx", "2xx", "3xx", "4xx", "5xx", "other" }
    local totals = {}
    for _, class in ipairs(classes) do
        totals[class] = 0
        for _, thread in ipairs(threads) do
            totals[class] = totals[class] + (thread:get("status_" .. class) or 0)
        end
    end
    local parts = {}
    for _, class in ipairs(classes) do
        table.insert(parts, string.format('"%s": %d', class, totals[class]))
    end
    local errors = summary.errors
    io.write(string.format(
        'WAQIA_LOAD_RESULT {"duration_us": %d, "requests": %d, "bytes": %d, ' ..
        '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
        '"status": {%s}, "latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, ' ..
        '"p50": %d, "p90": %d, "p95": %d, "p99": %d, "p99_9": %d}}\n',
        summary.duration, summary.requests, summary.bytes,
        errors.connect, errors.read, errors.write, errors.status, errors.timeout,
        table.concat(parts, ", "),
        latency.min, latency.mean, latency.stdev, latency.max,
        latency:percentile(50), latency:percentile(90), latency:percentile(95),
        latency:percentile(99), latency:percentile(99.9)))
end
