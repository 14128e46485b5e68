#include "checkpoint.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace immersim::cli {

std::string checkpoint_line(const run_result& r) {
    nlohmann::json j;
    j["point"] = r.point;
    j["strategy"] = r.strategy;
    j["label"] = r.strategy_label;
    j["seed"] = r.seed;
    j["digest"] = r.digest;
    j["stop_reason"] = r.stop_reason;
    j["complete"] = r.complete;
    j["metrics"] = nlohmann::json::array();
    for (const auto& v : r.metrics.values)
        j["metrics"].push_back(v ? nlohmann::json(*v) : nlohmann::json());
    j["samples"] = nlohmann::json::array();
    for (const run_sample& s : r.samples)
        j["samples"].push_back({s.at_ns, s.conflicting_changes, s.divergent_replicas,
                                s.messages_in_flight, s.memory_live_bytes, s.memory_deep_copy_bytes});
    if (!r.documents.empty()) {
        j["documents"] = nlohmann::json::array();
        for (const document_result& d : r.documents)
            j["documents"].push_back({d.document, d.clients, d.operations, d.changes,
                                      d.conflicting_changes, d.overwritten_writes,
                                      d.lost_increments, d.lost_set_adds, d.resurrected_removes,
                                      d.invariant_violations, d.converged});
    }
    j["perf"] = {r.perf.wall_s, r.perf.events_per_s, r.perf.documents_apart};
    return j.dump() + "\n"; // doubles are written so that they read back exactly
}

namespace {

document_result parse_document(const nlohmann::json& d) {
    const auto count = [&](std::size_t i) { return d.at(i).get<std::uint64_t>(); };
    return {d.at(0).get<std::uint32_t>(),
            d.at(1).get<std::uint32_t>(),
            count(2),
            count(3),
            count(4),
            count(5),
            count(6),
            count(7),
            count(8),
            count(9),
            d.at(10).get<bool>()};
}

} // namespace

std::optional<run_result> parse_checkpoint_line(const std::string& line) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("samples"))
        return std::nullopt;
    try {
        run_result r;
        r.point = j.at("point").get<std::size_t>();
        r.strategy = j.at("strategy").get<std::size_t>();
        r.strategy_label = j.at("label").get<std::string>();
        r.seed = j.at("seed").get<std::uint64_t>();
        r.digest = j.at("digest").get<std::uint64_t>();
        r.stop_reason = j.at("stop_reason").get<std::string>();
        r.complete = j.at("complete").get<bool>();
        const auto& values = j.at("metrics");
        if (values.size() != metrics::metric_count)
            return std::nullopt;
        for (std::size_t k = 0; k < metrics::metric_count; ++k)
            if (!values[k].is_null())
                r.metrics.values[k] = values[k].get<double>();
        for (const auto& s : j.at("samples"))
            r.samples.push_back({s.at(0).get<time_ns>(), s.at(1).get<std::uint64_t>(),
                                 s.at(2).get<std::uint32_t>(), s.at(3).get<std::uint64_t>(),
                                 s.at(4).get<std::uint64_t>(), s.at(5).get<std::uint64_t>()});
        if (j.contains("documents"))
            for (const auto& d : j.at("documents"))
                r.documents.push_back(parse_document(d));
        const auto& perf = j.at("perf");
        // A checkpoint written before runs said how they ran has two figures.
        r.perf = {perf.at(0).get<double>(), perf.at(1).get<double>(),
                  perf.size() > 2 && perf.at(2).get<bool>()};
        return r;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::map<run_key, run_result> read_checkpoint(const std::filesystem::path& file,
                                              const std::string& fingerprint, std::string& error) {
    std::map<run_key, run_result> done;
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line))
        return done;
    if (line != fingerprint) {
        error = file.string() + " holds runs of another scenario, seed or --set; remove it or "
                                "choose another --out";
        return done;
    }
    while (std::getline(in, line))
        if (auto r = parse_checkpoint_line(line))
            done[{r->point, r->strategy, r->seed}] = std::move(*r);
    return done;
}

std::size_t checkpoint_runs(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::size_t runs = 0;
    if (std::getline(in, line)) // the study's fingerprint
        while (std::getline(in, line))
            runs += parse_checkpoint_line(line).has_value();
    return runs;
}

} // namespace immersim::cli
