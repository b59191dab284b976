# esp match
-4
*filter
:INPUT
-p esp -m esp --espspi 1;=
-p esp -m esp ! --espspi 1:42;=
-p esp -m esp --espspi 0:4294967295;-p esp -m esp
-p esp -m esp;=
-m esp --espspi 1;FAIL;@commit
-p tcp -m esp --espspi 1;FAIL;@commit
-6
*filter
:INPUT
-p esp -m esp --espspi 5;=
# packets (sport= is the SPI's low 16 bits in the test packet)
-4
*filter
:INPUT
-p esp -m esp --espspi 1000:2000;=
>proto=esp sport=1500;match
>proto=esp sport=999;nomatch
