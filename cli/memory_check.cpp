#include "memory_check.hpp"

#include "immersim/run/memory_budget.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace immersim::cli {

namespace {

std::string with_commas(double count) {
    const std::string digits = fmt::format("{:.0f}", count);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

} // namespace

bool study_fits(const memory_request& request, const std::vector<study_point>& points,
                std::ostream& err) {
    const memory_estimate run = largest_run_estimate(points);
    const std::uint64_t at_once =
        std::max<std::uint64_t>(1, std::min<std::uint64_t>(request.jobs, request.runs));
    const std::uint64_t program = resident_bytes();
    const std::uint64_t peak = program + at_once * run.total();
    if (peak <= request.cap)
        return true;
    err << fmt::format("{}: error: the study needs an estimated {} ({} run{} at once x {}, plus "
                       "{} for the program), more than {} {}; nothing was run\n",
                       request.file, format_bytes(static_cast<double>(peak)), at_once,
                       at_once == 1 ? "" : "s", format_bytes(static_cast<double>(run.total())),
                       format_bytes(static_cast<double>(program)),
                       request.cap_given ? "--max-memory" : "the default cap (80% of memory)",
                       format_bytes(static_cast<double>(request.cap)));
    err << "  the largest run, term by term:\n";
    std::vector<memory_term> terms = run.terms;
    std::stable_sort(terms.begin(), terms.end(),
                     [](const auto& a, const auto& b) { return a.bytes() > b.bytes(); });
    for (const memory_term& t : terms)
        err << fmt::format("    {:>9}  {} {} x {} (set by {})\n",
                           format_bytes(static_cast<double>(t.bytes())), with_commas(t.count),
                           t.what, format_bytes(t.bytes_each), t.change);
    err << fmt::format("  to fit: lower {} (the largest term){}, or raise --max-memory if the "
                       "machine has the memory\n",
                       terms.front().change, at_once > 1 ? ", run fewer --jobs" : "");
    return false;
}

} // namespace immersim::cli
