// What if: a fault added to the scenario at a moment of the run, or one taken
// away, then the study run again from the edited text. Part of main_window.
#include "immersim/net/network.hpp"
#include "main_window.hpp"
#include "scenario_editor.hpp"

#include <QStatusBar>
#include <set>

namespace immersim::gui {

// Shows the edited scenario, runs it again with the cursor kept at `moment`, and
// says what changed.
void main_window::rerun_edited(const QString& text, time_ns moment, const QString& what) {
    editor_->set_text(text, editor_->file_name());
    keep_moment_ = moment;
    run_study();
    statusBar()->showMessage(what);
}

void main_window::what_if_add(what_if_fault kind, std::uint32_t node, time_ns at) {
    if (!snapshot_)
        return;
    constexpr time_ns lasting = 5 * ns_per_s;
    const QString name = QString::fromStdString(snapshot_->focus->node_names.at(node));
    const QString entry = fault_entry(kind, name, at, lasting);
    rerun_edited(add_fault(editor_->text(), entry), at,
                 "What if: " + entry + " (added to the scenario; running again)");
}

void main_window::what_if_cut_off(const std::vector<std::uint32_t>& nodes, time_ns at) {
    if (!snapshot_ || nodes.empty())
        return;
    constexpr time_ns lasting = 5 * ns_per_s;
    // The lanes name the traced document's members; the rest is the whole world.
    std::set<std::string> cut;
    for (std::uint32_t n : nodes)
        cut.insert(snapshot_->focus->node_names.at(n));
    std::vector<std::string> side, rest;
    for (std::string& name : node_names(snapshot_->results.base().topology))
        (cut.count(name) != 0 ? side : rest).push_back(std::move(name));
    if (rest.empty()) {
        statusBar()->showMessage("These are all the nodes: nothing to cut them off from.");
        return;
    }
    const QString entry =
        partition_entry(shortened(side), shortened(rest), seconds(at), seconds(at + lasting));
    rerun_edited(add_fault(editor_->text(), entry), at,
                 "What if: " + entry + " (added to the scenario; running again)");
}

bool main_window::what_if_remove(std::size_t fault) {
    if (!snapshot_ || fault >= snapshot_->focus->faults.size())
        return false;
    const time_band& band = snapshot_->focus->faults[fault];
    // The scenario's own fault that struck then: same moment, same kind.
    const auto& faults = snapshot_->results.base().faults;
    std::optional<std::size_t> index;
    for (std::size_t i = 0; i < faults.size() && !index; ++i)
        if (faults[i].at_ns == band.from_ns &&
            band.what.rfind(net::to_string(faults[i].kind), 0) == 0)
            index = i;
    if (!index)
        return what_if_remove_nemesis(band);
    const std::optional<QString> text = remove_fault(editor_->text(), *index);
    if (!text) {
        statusBar()->showMessage("This fault is not written as an item of a 'faults:' block "
                                 "list: take it away in the editor.");
        return false;
    }
    rerun_edited(*text, band.from_ns,
                 QString("What if %1 had not happened: taken out of the scenario; "
                         "running again")
                     .arg(QString::fromStdString(band.what)));
    return true;
}

// A fault of the nemesis: its random faults of the focus seed are written out in
// `faults:`, all but this one, so that the run is the same but for it. Every
// seed of the study then runs these faults (the nemesis would draw others).
bool main_window::what_if_remove_nemesis(const time_band& band) {
    const std::optional<QString> text = write_out_nemesis(
        editor_->text(), snapshot_->results.base(), snapshot_->focus_seed, band.from_ns);
    if (!text) {
        statusBar()->showMessage("This fault is neither one of the scenario's faults nor one the "
                                 "nemesis drew: take it away in the editor.");
        return false;
    }
    rerun_edited(
        *text, band.from_ns,
        QString("What if %1 had not happened: the nemesis's faults of seed %2 are written out "
                "in 'faults:' without it (every seed now runs these); running again")
            .arg(QString::fromStdString(band.what))
            .arg(snapshot_->focus_seed));
    return true;
}

} // namespace immersim::gui
