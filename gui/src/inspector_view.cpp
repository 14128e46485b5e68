#include "inspector_view.hpp"

#include "immersim/state/json.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace immersim::gui {

namespace {

void fill(QTreeWidgetItem* parent, const state::value& v);

QTreeWidgetItem* item_for(const QString& key, const state::value& v) {
    auto* item = new QTreeWidgetItem();
    item->setText(0, key);
    if (!v.is_map() && !v.is_list())
        item->setText(1, QString::fromStdString(state::to_json(v)));
    else
        item->setText(1, v.is_map() ? QString("{%1}").arg(v.size()) : QString("[%1]").arg(v.size()));
    fill(item, v);
    return item;
}

// Keys as a reader counts them: numbers by value (2 before 10), then the rest in
// byte order.
bool reads_before(const std::string& a, const std::string& b) {
    const auto whole = [](const std::string& s) {
        return !s.empty() && s.size() < 19 &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole(a) && whole(b))
        return std::stoll(a) != std::stoll(b) ? std::stoll(a) < std::stoll(b) : a < b;
    if (whole(a) != whole(b))
        return whole(a);
    return a < b;
}

void fill(QTreeWidgetItem* parent, const state::value& v) {
    if (v.is_map()) {
        std::vector<std::pair<std::string, state::value>> entries;
        v.for_each_entry([&](std::string_view k, const state::value& child) { entries.emplace_back(std::string(k), child); });
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return reads_before(a.first, b.first); });
        for (const auto& [k, child] : entries)
            parent->addChild(item_for(QString::fromStdString(k), child));
    } else if (v.is_list()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            parent->addChild(item_for(QString::number(i), v.at(i)));
    }
}

void show_tree(QTreeWidget* tree, const state::value& v) {
    tree->clear();
    auto* root = item_for("state", v);
    tree->addTopLevelItem(root);
    root->setExpanded(true);
    if (v.size() <= 20) // a small document opens whole; a large one level by level
        tree->expandAll();
}

} // namespace

QString explain(const trace_record& r, const std::vector<std::string>& node_names) {
    const auto change = [](std::uint64_t id) { return change_name(id); };
    QString text = QString("<b>%1</b> by %2")
                       .arg(QString::fromStdString(r.detail).toHtmlEscaped(),
                            QString::fromStdString(node_names.at(r.node)).toHtmlEscaped());
    if (r.why.empty())
        return text + "<br>No other write competed with this change's writes here.";
    constexpr std::size_t shown = 6; // a transaction may decide many places
    for (std::size_t i = 0; i < r.why.size() && i < shown; ++i) {
        const decision_reason& reason = r.why[i];
        const strategies::decision_record& d = reason.said;
        QString line = "<br>&bull; ";
        if (!d.where.empty())
            line += "<b>" + QString::fromStdString(state::format_path(d.where)).toHtmlEscaped() +
                    "</b>: ";
        if (d.winner != strategies::no_rival && d.loser != strategies::no_rival)
            line += change(d.winner) + " stays over " + change(d.loser) + " &mdash; ";
        else if (d.loser != strategies::no_rival)
            line += change(d.loser) + " does not stay &mdash; ";
        line += QString::fromStdString(d.compared).toHtmlEscaped() + ". <i>" +
                QString::fromStdString(d.rule).toHtmlEscaped() + ".</i>";
        if (reason.causality_violation)
            line += " <span style=\"color:#b00020\"><b>Causality violation:</b> the losing write "
                    "had already seen the one that beat it.</span>";
        else if (reason.lost)
            line += " <span style=\"color:#b00020\"><b>Lost write:</b> the two were "
                    "concurrent; neither had seen the other.</span>";
        text += line;
    }
    if (r.why.size() > shown)
        text += QString("<br>&hellip; and %1 more places.").arg(r.why.size() - shown);
    return text;
}

inspector_view::inspector_view(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    headline_ = new QLabel("Select an event in the space-time diagram, or step through the run.", this);
    headline_->setWordWrap(true);
    layout->addWidget(headline_, 0, Qt::AlignTop);
    auto* grid = new QGridLayout();
    for (int i = 0; i < 4; ++i) {
        titles_[i] = new QLabel(this);
        trees_[i] = new QTreeWidget(this);
        trees_[i]->setHeaderLabels({"key", "value"});
        grid->addWidget(titles_[i], (i / 2) * 2, i % 2);
        grid->addWidget(trees_[i], (i / 2) * 2 + 1, i % 2);
    }
    layout->addLayout(grid, 1);
    why_ = new QTextBrowser(this);
    why_->setMaximumHeight(150);
    layout->addWidget(why_);
    clear();
}

void inspector_view::clear() {
    texts_.clear();
    for (int i = 0; i < 4; ++i) {
        trees_[i]->clear();
        titles_[i]->clear();
        trees_[i]->setVisible(false);
        titles_[i]->setVisible(false);
    }
    set_why({});
}

void inspector_view::set_why(const QString& html) {
    why_html_ = html;
    why_->setHtml(html);
}

void inspector_view::show_record(const recorded_run& run, std::size_t index) {
    clear();
    if (index >= run.records.size())
        return;
    const trace_record& r = run.records[index];
    const QString where = QString::fromStdString(run.node_names.at(r.node));
    const QString at = QString::number(static_cast<double>(r.at_ns) / ns_per_s, 'f', 6) + " s";
    std::vector<std::pair<QString, state::value>> shown;
    if (r.kind == trace_kind::decision) {
        headline_->setText(QString("%1 at %2: %3 decided on %4 from %5")
                               .arg(QString::fromStdString(r.detail), at, where)
                               .arg(change_name(r.change))
                               .arg(QString::fromStdString(run.node_names.at(r.peer))));
        if (const std::size_t op = run.operation_of(r.change, index);
            op != recorded_message::none) {
            shown.emplace_back("base (what the change was made on)", run.records[op].before);
            shown.emplace_back("theirs (what the change made)", run.records[op].after);
        }
        shown.emplace_back("ours (" + where + " before)", r.before);
        shown.emplace_back("result (" + where + " after)", r.after);
        set_why(explain(r, run.node_names));
    } else if (r.kind == trace_kind::operation) {
        headline_->setText(
            QString("%1 at %2 on %3: %4")
                .arg(change_name(r.change), at, where, QString::fromStdString(r.detail)));
        shown.emplace_back(where + " before", r.before);
        shown.emplace_back(where + " after", r.after);
    } else {
        headline_->setText(QString("%1 at %2 on %3 %4").arg(to_string(r.kind), at, where, QString::fromStdString(r.detail)));
        if (r.kind == trace_kind::conflict)
            set_why("<b>conflict</b><br>The oracle found this change concurrent with a change "
                    "to an overlapping place that this node had not heard of.");
        return;
    }
    for (std::size_t i = 0; i < shown.size() && i < 4; ++i) {
        titles_[i]->setText(shown[i].first);
        show_tree(trees_[i], shown[i].second);
        trees_[i]->setVisible(true);
        titles_[i]->setVisible(true);
        texts_ << QString::fromStdString(state::to_json(shown[i].second));
    }
}

void inspector_view::prepend_summary(const QString& html) {
    set_why("<p>" + html + "</p>" + why_html_);
}

QString inspector_view::headline() const { return headline_->text(); }
QStringList inspector_view::tree_texts() const { return texts_; }
QString inspector_view::explanation() const {
    return why_->toPlainText();
}

QStringList inspector_view::child_keys(int tree, const QString& key) const {
    QStringList keys;
    if (tree < 0 || tree >= 4 || trees_[tree]->topLevelItemCount() == 0)
        return keys;
    const QTreeWidgetItem* root = trees_[tree]->topLevelItem(0);
    for (int i = 0; i < root->childCount(); ++i)
        if (root->child(i)->text(0) == key)
            for (int k = 0; k < root->child(i)->childCount(); ++k)
                keys << root->child(i)->child(k)->text(0);
    return keys;
}

} // namespace immersim::gui
