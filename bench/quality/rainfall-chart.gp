# The labelled set's chart: what a spreadsheet or plotting tool exports. Reference text in labels.json.
set terminal pngcairo size 2100,2100 background "#EBEBEB" font "DejaVu Sans,34"
set output "rainfall-chart.png"
set title "Monthly rainfall in Bergen and Oslo" font "DejaVu Sans,44"
set xlabel "Month of the year"
set ylabel "Rainfall in millimetres"
set xtics rotate by 90 right
set key top left
set style data linespoints
set grid lc rgb "white" lw 3
set xrange [0.5:12.5]
plot "-" using 1:2:xtic(3) title "Bergen" lw 6 lc rgb "#1f77b4", "-" using 1:2 title "Oslo" lw 6 lc rgb "#d62728"
1 190 January
2 152 February
3 170 March
4 114 April
5 106 May
6 132 June
7 148 July
8 190 August
9 283 September
10 271 October
11 259 November
12 235 December
e
1 49
2 36
3 47
4 41
5 53
6 65
7 81
8 89
9 90
10 84
11 73
12 55
e
