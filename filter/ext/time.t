# time match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m time --timestart 12:00;-m time --timestart 12:00:00 --timestop 23:59:59 --datestop 2038-01-19T03:14:07
-m time --timestart 12:00:30 --timestop 13:00;-m time --timestart 12:00:30 --timestop 13:00:00 --datestop 2038-01-19T03:14:07
-m time --timestop 13:00;-m time --timestart 00:00:00 --timestop 13:00:00 --datestop 2038-01-19T03:14:07
-m time --weekdays Mon,Tue;-m time --weekdays Mon,Tue --datestop 2038-01-19T03:14:07
-m time --weekdays 1,2,3;-m time --weekdays Mon,Tue,Wed --datestop 2038-01-19T03:14:07
-m time ! --weekdays Sat,Sun;-m time --weekdays Mon,Tue,Wed,Thu,Fri --datestop 2038-01-19T03:14:07
-m time --monthdays 1,15,31;-m time --monthdays 1,15,31 --datestop 2038-01-19T03:14:07
-m time ! --monthdays 1;-m time --monthdays 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31 --datestop 2038-01-19T03:14:07
-m time --datestart 2020-01-01;-m time --datestart 2020-01-01T00:00:00 --datestop 2038-01-19T03:14:07
-m time --datestart 2020-01-01T10:00:00 --datestop 2021-01-01T00:00:00;=
-m time --datestop 2038-01-19T03:14:07;=
-m time --timestart 22:00 --timestop 06:00 --contiguous;-m time --timestart 22:00:00 --timestop 06:00:00 --datestop 2038-01-19T03:14:07 --contiguous
-m time --timestart 12:00 --kerneltz;-m time --timestart 12:00:00 --timestop 23:59:59 --datestop 2038-01-19T03:14:07 --kerneltz
-m time --timestart 12:00 --localtz;-m time --timestart 12:00:00 --timestop 23:59:59 --datestop 2038-01-19T03:14:07 --kerneltz
-m time --timestart 12:00 --utc;-m time --timestart 12:00:00 --timestop 23:59:59 --datestop 2038-01-19T03:14:07
-m time --weekdays Mon,Tue,Wed,Thu,Fri,Sat,Sun;-m time --datestop 2038-01-19T03:14:07
-m time --monthdays 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31;-m time --datestop 2038-01-19T03:14:07
-m time;-m time --datestop 2038-01-19T03:14:07
-m time --timestart 25:00;FAIL;invalid time "25:00" specified, should be hh:mm[:ss] format and within the boundaries
-m time --weekdays Foo;FAIL;Foo is not a valid day specifier
-m time --monthdays 32;FAIL;32 is not a valid day for --monthdays
-m time --datestart 1969-01-01;FAIL;Invalid date "1969-01-01" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]
-m time --timestart 12:00 --timestart 13:00;FAIL;time: option "--timestart" can only be used once.
-m time --timestart 06:00 --timestop 22:00 --contiguous;FAIL;time: --contiguous only makes sense when stoptime is smaller than starttime
-m time ! --timestart 12:00;FAIL;time: option "--timestart" cannot be inverted.
# Packets at fixed times (ts=, ns since the epoch) in fixed kernel time zones (tz=,
# sys_tz minutes west: local = UTC - tz minutes). ;eval: the kernel's clock and
# sys_tz cannot be set per packet, so extcheck and nfctl eval check these alone.
# 1577881800 = 2020-01-01 12:30 UTC (a Wednesday), 1577885400 = 13:30,
# 1577921400 = 2020-01-01 23:30, 1577925000 = 2020-01-02 00:30, 1577835000 = 2019-12-31 23:30.
-m time --timestart 12:00 --timestop 13:00 --kerneltz;-m time --timestart 12:00:00 --timestop 13:00:00 --datestop 2038-01-19T03:14:07 --kerneltz
>proto=udp ts=1577881800000000000 tz=0;match;eval
>proto=udp ts=1577881800000000000 tz=-60;nomatch;eval
>proto=udp ts=1577881800000000000 tz=60;nomatch;eval
>proto=udp ts=1577885400000000000 tz=60;match;eval
>proto=udp ts=1577885400000000000 tz=90;match;eval
-m time --timestart 12:00 --timestop 13:00;-m time --timestart 12:00:00 --timestop 13:00:00 --datestop 2038-01-19T03:14:07
>proto=udp ts=1577881800000000000 tz=-60;match;eval
>proto=udp ts=1577885400000000000 tz=60;nomatch;eval
-m time --weekdays Wed --kerneltz;-m time --weekdays Wed --datestop 2038-01-19T03:14:07 --kerneltz
>proto=udp ts=1577921400000000000 tz=0;match;eval
>proto=udp ts=1577921400000000000 tz=-60;nomatch;eval
>proto=udp ts=1577925000000000000 tz=60;match;eval
>proto=udp ts=1577925000000000000 tz=0;nomatch;eval
-m time --datestart 2020-01-01 --kerneltz;-m time --datestart 2020-01-01T00:00:00 --datestop 2038-01-19T03:14:07 --kerneltz
>proto=udp ts=1577835000000000000 tz=-60;match;eval
>proto=udp ts=1577835000000000000 tz=0;nomatch;eval
-m time --monthdays 1 --kerneltz;-m time --monthdays 1 --datestop 2038-01-19T03:14:07 --kerneltz
>proto=udp ts=1577835000000000000 tz=-60;match;eval
>proto=udp ts=1577835000000000000 tz=0;nomatch;eval
# Real packets, real time and this machine's sys_tz (the kernel's and eval's alike)
-m time --datestart 2020-01-01 --kerneltz;-m time --datestart 2020-01-01T00:00:00 --datestop 2038-01-19T03:14:07 --kerneltz
>proto=udp;match;kernel
-m time --datestop 2021-01-01 --kerneltz;-m time --datestop 2021-01-01T00:00:00 --kerneltz
>proto=udp;nomatch;kernel
