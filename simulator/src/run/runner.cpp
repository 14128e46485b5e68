#include "immersim/run/runner.hpp"

#include "world.hpp"

#include <cstdio>

namespace immersim {

const char* to_string(trace_kind kind) {
    switch (kind) {
    case trace_kind::operation: return "operation";
    case trace_kind::send: return "send";
    case trace_kind::deliver: return "deliver";
    case trace_kind::decision: return "decision";
    case trace_kind::conflict: return "conflict";
    case trace_kind::fault: return "fault";
    }
    return "?";
}

run_result run_once(const run_spec& spec, trace_sink* trace) {
    run_detail::world w(spec, trace);
    run_result result = w.run();
    result.point = spec.point;
    return result;
}

std::vector<run_spec> expand_runs(std::shared_ptr<const scenario> s,
                                  std::optional<std::uint64_t> seed_override, std::size_t point) {
    const std::uint64_t base_seed = seed_override.value_or(s->seed);
    std::vector<run_spec> runs;
    for (std::size_t strategy = 0; strategy < s->compare.size(); ++strategy)
        for (std::uint32_t i = 0; i < s->seeds; ++i)
            runs.push_back({s, strategy, base_seed + i, point});
    return runs;
}

std::uint64_t combine_digests(std::span<const run_result> results) {
    std::uint64_t digest = mix64(results.size());
    for (const run_result& r : results)
        digest = mix64(digest ^ r.digest);
    return digest;
}

std::string format_digest(std::uint64_t digest) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(digest));
    return text;
}

} // namespace immersim
